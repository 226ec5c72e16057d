import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config/ledger-config';
import { SUBJECT_KEYS_FILE } from '../../ledger/ledger';
import { ledgerHolder } from '../../ledger/ledger-lock';
import { SUBJECT_KEYS_TABLE } from '../../personal-data/subject-key-store';
import { EVENT_LOG_FILE } from '../../ledger/open-event-store';
import { CliError, type CliCommand } from '../cli-command';

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <backup-file>',
  summary: 'make LEDGER_DATA_DIR (empty) a copy of a backup; read models rebuild at the next start',
  help:
    'Personal details in the backup open only with the master key of the ledger it came from: ' +
    'set the same LEDGER_MASTER_KEY, or copy its master-key file into LEDGER_DATA_DIR first.',
  async run(args) {
    const [file] = args.positional;
    if (!file || !existsSync(file)) throw new CliError('say which backup to restore: restore <backup-file>');
    const { dataDir } = loadConfig();
    if (ledgerHolder(dataDir) !== undefined) throw new CliError(`the ledger in ${dataDir} is in use; stop it first`);
    const target = join(dataDir, EVENT_LOG_FILE);
    if (existsSync(target)) throw new CliError(`${dataDir} already holds a ledger; restore into an empty directory`);
    mkdirSync(dataDir, { recursive: true });
    const backup = new Database(file, { readonly: true });
    try {
      await backup.backup(target);
    } finally {
      backup.close();
    }
    const restored = new Database(target);
    try {
      restored.prepare('ATTACH DATABASE ? AS keys').run(join(dataDir, SUBJECT_KEYS_FILE));
      restored.exec(`${SUBJECT_KEYS_TABLE.replace('subject_keys', 'keys.subject_keys')};
        INSERT INTO keys.subject_keys SELECT * FROM main.subject_keys;
        DROP TABLE main.subject_keys; DETACH DATABASE keys;`);
      const events = restored.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()?.n ?? 0;
      console.log(`restored ${events.toLocaleString('en')} events into ${dataDir}`);
    } finally {
      restored.close();
    }
  },
};
