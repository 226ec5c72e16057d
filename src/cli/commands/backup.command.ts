import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SUBJECT_KEYS_FILE } from '../../ledger/ledger';
import { SqliteEventStore } from '../../ledger/sqlite/sqlite-event-store';
import { CliError, type CliCommand } from '../cli-command';
import { openForCli } from '../open-for-cli';
import { Progress } from '../progress';

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <file>',
  summary: 'copy the SQLite ledger and its subject keys into one file, safely while the service runs',
  help:
    'The backup holds the event log and the wrapped per-person keys (erased people stay erased). ' +
    'Personal details in it open only with the same LEDGER_MASTER_KEY. Restore with `restore <file>`.',
  async run(args) {
    const [file] = args.positional;
    if (!file) throw new CliError('say where to write: backup <file>');
    if (existsSync(file)) throw new CliError(`${file} already exists; choose a new file`);
    const { ledger, done } = await openForCli('back up', { alone: false });
    try {
      if (!(ledger.store instanceof SqliteEventStore)) {
        throw new CliError('backup copies the SQLite store; for EventStoreDB use its own backups, or `export`');
      }
      let progress: Progress | undefined;
      let pages = 0;
      // SQLite's online backup copies pages in steps, so writers are never blocked for long.
      await ledger.store.connection.backup(file, {
        progress: ({ totalPages, remainingPages }) => {
          progress ??= new Progress('backup pages', totalPages);
          pages = totalPages;
          progress.update(totalPages - remainingPages);
          return 200;
        },
      });
      progress?.finish(pages);
      const copy = new Database(file);
      try {
        copy.prepare('ATTACH DATABASE ? AS keys').run(join(ledger.config.dataDir, SUBJECT_KEYS_FILE));
        copy.exec('CREATE TABLE subject_keys AS SELECT * FROM keys.subject_keys; DETACH DATABASE keys;');
      } finally {
        copy.close();
      }
      console.log(`backed up ${(await ledger.store.headPosition()).toLocaleString('en')} events to ${file}`);
    } finally {
      await done();
    }
  },
};
