import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { LogFlushes, walFlusher } from '../ledger/sqlite/log-flush';

export const SUBJECT_KEYS_TABLE = `CREATE TABLE IF NOT EXISTS subject_keys (
  subject_id TEXT PRIMARY KEY, wrapped BLOB, created_at TEXT NOT NULL, erased_at TEXT)`;

/**
 * One AES-256 key per person (subject), kept apart from the event log. Destroying a key
 * erases the person: what the log holds about them becomes unreadable noise, while the
 * log itself, its hashes and its counts stay intact.
 *
 * Keys are stored wrapped (AES-256-GCM) under a master key that lives outside this file.
 *
 * A new key is committed at once but reaches the disk with the next flush of the file's
 * log (`durable`), which the command waits for before it appends the event that needs the
 * key: an event on disk never names a key that a crash could take back, and the event loop
 * never waits for the disk. New keys made meanwhile share that flush.
 */
export class SubjectKeyStore {
  private readonly statements: {
    get: Statement<[string], { wrapped: Buffer | null; erased_at: string | null }>;
    put: Statement<[string, Buffer, string]>;
    erase: Statement<[string, string]>;
  };

  /** A key was made since the last flush was asked for. */
  private unflushed = false;
  /** The last flush asked for, until it ends: it covers every key made before it. */
  private covering?: Promise<void>;
  private readonly flushes: LogFlushes;
  private readonly closeFlusher: () => void;

  private constructor(
    private readonly db: Db,
    private readonly masterKey: Buffer,
  ) {
    const flusher = walFlusher(db.name);
    this.flushes = new LogFlushes(flusher.flush);
    this.closeFlusher = flusher.close;
    db.exec(SUBJECT_KEYS_TABLE);
    this.statements = {
      get: db.prepare('SELECT wrapped, erased_at FROM subject_keys WHERE subject_id = ?'),
      put: db.prepare('INSERT OR IGNORE INTO subject_keys (subject_id, wrapped, created_at) VALUES (?, ?, ?)'),
      erase: db.prepare('UPDATE subject_keys SET wrapped = NULL, erased_at = ? WHERE subject_id = ?'),
    };
  }

  static open(file: string, masterKey: Buffer): SubjectKeyStore {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A commit does not wait for the disk: `durable` flushes the log for the keys made since.
    db.pragma('synchronous = NORMAL');
    // Erased keys must not linger in free pages of the file.
    db.pragma('secure_delete = ON');
    return new SubjectKeyStore(db, masterKey);
  }

  /** The subject's key, made on first use. Throws when the subject was erased. */
  keyFor(subjectId: string, now: Date): Buffer {
    const found = this.statements.get.get(subjectId);
    if (found?.erased_at) throw new SubjectErased(subjectId);
    if (found?.wrapped) return this.unwrap(found.wrapped);
    const key = randomBytes(32);
    this.statements.put.run(subjectId, this.wrap(key), now.toISOString());
    this.unflushed = true;
    return this.keyFor(subjectId, now);
  }

  /**
   * Resolves once every key made so far is on disk; undefined when none waits for it (no
   * promise to wait on: most commands make no key).
   */
  durable(): Promise<void> | undefined {
    // A key made before the last flush was asked for (by another command) waits for that flush.
    if (!this.unflushed) return this.covering;
    this.unflushed = false;
    const covering = new Promise<void>((resolve, reject) => this.flushes.afterCommit(resolve, reject));
    this.covering = covering;
    const settled = () => {
      if (this.covering === covering) this.covering = undefined;
    };
    covering.then(settled, settled);
    return covering;
  }

  /** The key if the subject has one and was not erased. */
  existingKey(subjectId: string): Buffer | 'erased' | undefined {
    const found = this.statements.get.get(subjectId);
    if (found?.erased_at) return 'erased';
    return found?.wrapped ? this.unwrap(found.wrapped) : undefined;
  }

  /** Destroys the key for good; answers whether there was one to destroy. */
  erase(subjectId: string, now: Date): boolean {
    this.statements.put.run(subjectId, randomBytes(0), now.toISOString());
    const changed = this.statements.erase.run(now.toISOString(), subjectId).changes > 0;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changed;
  }

  /** A key for one purpose, derived from the master key: never the master key itself. */
  derivedKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.masterKey, Buffer.alloc(0), `p8-ledger:${purpose}`, 32));
  }

  isErased(subjectId: string): boolean {
    return Boolean(this.statements.get.get(subjectId)?.erased_at);
  }

  async close(): Promise<void> {
    await this.flushes.idle();
    this.closeFlusher();
    this.db.close();
  }

  private wrap(key: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
  }

  private unwrap(wrapped: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, 12));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}

export class SubjectErased extends Error {
  constructor(readonly subjectId: string) {
    super(`subject ${subjectId} has been erased`);
    this.name = 'SubjectErased';
  }
}
