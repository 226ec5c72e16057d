import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_FILE = 'token-secret';

/** LEDGER_JWT_SECRET, or a secret made once and kept (mode 0600) beside the ledger. */
export function tokenSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = join(dataDir, SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
