import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'ledger.lock';

/** The pid of a live process holding the ledger in `dataDir`, if any. */
export function ledgerHolder(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/**
 * Marks the ledger as held by this process, so that commands that must run alone
 * (rebuild, import, demo) refuse while a service is using it.
 */
export function holdLedger(dataDir: string, purpose: string): () => void {
  const holder = ledgerHolder(dataDir);
  if (holder !== undefined) {
    throw new Error(
      `the ledger in ${dataDir} is in use by process ${holder}; stop it first, then ${purpose} again`,
    );
  }
  const file = join(dataDir, LOCK_FILE);
  const fd = openSync(file, 'w', 0o644);
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
}
