import { mkdirSync } from 'node:fs';
import { loadConfig } from '../config/ledger-config';
import { Ledger } from '../ledger/ledger';
import { holdLedger, ledgerHolder } from '../ledger/ledger-lock';
import { CliError } from './cli-command';

/**
 * Opens the ledger of LEDGER_DATA_DIR for a command. `alone` commands (rebuild, import,
 * demo) refuse while a service holds it, and hold it themselves while they run.
 */
export async function openForCli(
  purpose: string,
  options: { alone: boolean; beforeOpen?: (dataDir: string) => void },
): Promise<{ ledger: Ledger; done: () => Promise<void> }> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  let release = (): void => undefined;
  if (options.alone) {
    const holder = ledgerHolder(config.dataDir);
    if (holder !== undefined) {
      throw new CliError(
        `the ledger in ${config.dataDir} is in use by process ${holder} (a running service?); stop it, then ${purpose} again`,
      );
    }
    release = holdLedger(config.dataDir, purpose);
  }
  options.beforeOpen?.(config.dataDir);
  const ledger = await Ledger.open(config);
  return {
    ledger,
    done: async () => {
      await ledger.close();
      release();
    },
  };
}
