import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MASTER_KEY_FILE = 'master-key';

/**
 * LEDGER_MASTER_KEY (64 hex characters), or a key made once beside the ledger (mode 0600).
 * In production, give it through the environment and keep it off the data volume.
 */
export function masterKey(dataDir: string, configured?: string): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  const file = join(dataDir, MASTER_KEY_FILE);
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    const key = randomBytes(32);
    writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  }
}
