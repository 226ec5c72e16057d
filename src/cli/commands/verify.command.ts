import { verifyLog } from '../../ledger/verify-log';
import { CliError, type CliCommand } from '../cli-command';
import { openForCli } from '../open-for-cli';
import { Progress } from '../progress';

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify',
  summary: 'recheck the whole log and name the first position where it is not as written',
  async run() {
    const { ledger, done } = await openForCli('verify', { alone: false });
    try {
      const progress = new Progress('verify', await ledger.store.headPosition());
      const report = await verifyLog(ledger.store, { onProgress: (checked) => progress.update(checked) });
      progress.finish(report.checked);
      if (!report.ok) {
        throw new CliError(`the log does not verify at position ${report.firstBadPosition}: ${report.problem}`);
      }
      console.log(`ok: ${report.checked.toLocaleString('en')} events verified, ${report.seals} seals`);
    } finally {
      await done();
    }
  },
};
