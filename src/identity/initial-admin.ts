import { writeFileSync } from 'node:fs';
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
  await registerUser(
    ledger,
    { username: 'admin', password, role: 'admin', unitCode: '19', displayName: 'Administrator' },
    { actor: SYSTEM_ACTOR, now: new Date(), correlationId: 'initial-admin' },
  );
  if (configured) return 'created user admin with the password from LEDGER_ADMIN_PASSWORD';
  const file = join(ledger.config.dataDir, INITIAL_PASSWORD_FILE);
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'w' });
  return `created user admin; its generated password is in ${file} (readable only by this account)`;
}
