import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countUsers } from '../../projections/users/users.projection';
import type { Ledger } from '../ledger/ledger';
import { SYSTEM_ACTOR } from '../ledger/envelope';
import { generatePassword } from './password';
import { registerUser } from './register-user.command';

export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

/**
 * On the first start of an empty ledger: user `admin` (role admin, scope 19) with
 * LEDGER_ADMIN_PASSWORD, or a generated password written once to a 0600 file.
 * Answers a line for the log, never the password itself.
 */
export async function ensureInitialAdmin(ledger: Ledger): Promise<string | undefined> {
  if ((await ledger.store.headPosition()) > 0 || countUsers(ledger.readModels) > 0) return undefined;
  const configured = ledger.config.adminPassword;
  const password = configured ?? generatePassword();
  // The file comes first: a crash before the admin is registered leaves a password no
  // account has yet (the next start writes a new one), never an admin nobody can log in as.
  const file = configured ? undefined : writePasswordFile(ledger.config.dataDir, password);
  await registerUser(
    ledger,
    { username: 'admin', password, role: 'admin', unitCode: '19', displayName: 'Administrator' },
    { actor: SYSTEM_ACTOR, now: new Date(), correlationId: 'initial-admin' },
  );
  if (!file) return 'created user admin with the password from LEDGER_ADMIN_PASSWORD';
  return `created user admin; its generated password is in ${file} (readable only by this account)`;
}

/**
 * Writes a new file and moves it into place: mode 0600 only applies to a file being
 * created, and an older file of that name (LEDGER_DATA_DIR may hold others' files) could
 * be readable by anyone.
 */
function writePasswordFile(dataDir: string, password: string): string {
  const file = join(dataDir, INITIAL_PASSWORD_FILE);
  const fresh = `${file}.${process.pid}.new`;
  rmSync(fresh, { force: true });
  writeFileSync(fresh, `${password}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(fresh, file);
  return file;
}
