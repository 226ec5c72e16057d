import { existsSync } from 'node:fs';
import type { RecordedEvent } from '../../ledger/event-store.port';
import { CliError, type CliCommand } from '../cli-command';
import { openForCli } from '../open-for-cli';
import { Progress } from '../progress';
import { verifyEntries } from '../../ledger/verify-log';
import { exportEntries, ImportFileError, readExport } from './import-file';

const BATCH = 2000;

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file.ndjson>',
  summary: 'load an export into an empty ledger, after checking the whole file (shape, hashes, seals) first',
  async run(args) {
    const [file] = args.positional;
    if (!file) throw new CliError('say which file to import: import <file.ndjson>');
    if (!existsSync(file)) throw new CliError(`${file} does not exist`);
    // The whole file first: its shape, and its hashes, chains and seals as `verify` checks them.
    let total = 0;
    try {
      const report = await verifyEntries(exportEntries(file));
      if (!report.ok) {
        throw new CliError(
          `${file} cannot be imported: it does not verify at position ${report.firstBadPosition} (${report.problem}); nothing was imported`,
        );
      }
      total = report.checked;
    } catch (error) {
      if (error instanceof ImportFileError) throw new CliError(`${file} cannot be imported: ${error.message}`);
      throw error;
    }
    const { ledger, done } = await openForCli('import', { alone: true });
    try {
      if ((await ledger.store.headPosition()) > 0) {
        throw new CliError('the ledger already holds events; import only into an empty LEDGER_DATA_DIR');
      }
      const progress = new Progress('import', total);
      let imported = 0;
      let batch: Promise<unknown>[] = [];
      let pending = 0;
      let run: RecordedEvent[] = [];
      const flushRun = () => {
        const first = run[0];
        if (!first) return;
        // Consecutive events of one stream were one append: keep them atomic together.
        batch.push(
          ledger.store.appendToStream(first.streamId, run, {
            expectedRevision: first.revision === 0 ? 'no_stream' : first.revision - 1,
          }),
        );
        pending += run.length;
        run = [];
      };
      for await (const event of readExport(file)) {
        if (run[0] && run[0].streamId !== event.streamId) flushRun();
        run.push(event);
        if (batch.length >= BATCH) {
          await Promise.all(batch);
          imported += pending;
          pending = 0;
          batch = [];
        }
        progress.update(imported);
      }
      flushRun();
      await Promise.all(batch);
      progress.finish(total);
      await ledger.runner.waitFor(await ledger.store.headPosition(), 600_000);
      console.log(`imported ${total.toLocaleString('en')} events from ${file}`);
    } finally {
      await done();
    }
  },
};
