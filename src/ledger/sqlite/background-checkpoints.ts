import type { Database } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** How often the checkpoint thread copies what the write-ahead logs hold into their files. */
const CHECKPOINT_EVERY_MS = 200;
/** SQLite's own default, restored on a connection if the checkpoint thread stops. */
const AUTOMATIC_CHECKPOINT_PAGES = 1000;
/**
 * Pages of log (64 MB of 4 kB pages) past which the writing connection starts the log over.
 * A passive checkpoint copies pages but never resets the log: under writes that never pause
 * (a rebuild, a long import) the log would grow without end, gigabytes of it.
 */
const RESTART_LOG_PAGES = 16_384;

/*
 * The thread's code, plain JavaScript so that it runs the same from dist/ and under ts-jest.
 * Its connections use synchronous = NORMAL: a checkpoint waits for the disk before the log
 * may be reused, which is all a checkpoint needs; each commit's own durability is the
 * writing connection's (FULL for the event log).
 */
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connections = new Map();
parentPort.on('message', (message) => {
  if (message.watch !== undefined) {
    try {
      const db = new Database(message.watch, { fileMustExist: true });
      db.pragma('busy_timeout = 1000');
      db.pragma('synchronous = NORMAL');
      connections.set(message.watch, { db, restartPages: message.restartPages });
    } catch (error) {
      parentPort.postMessage({ failed: message.watch, message: String(error) });
    }
  } else if (message.release !== undefined) {
    connections.get(message.release)?.db.close();
    connections.delete(message.release);
    parentPort.postMessage({ released: message.release });
  }
});
setInterval(() => {
  for (const [file, { db, restartPages }] of connections) {
    try {
      // PASSIVE: copies what no reader still needs, never waits for a reader or the writer.
      const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
      if (passive && passive.log >= restartPages) parentPort.postMessage({ long: file });
    } catch (error) {
      db.close();
      connections.delete(file);
      parentPort.postMessage({ failed: file, message: String(error) });
    }
  }
}, workerData.everyMs);
`;

interface ThreadMessage {
  readonly failed?: string;
  readonly long?: string;
  readonly released?: string;
}

let thread: Worker | undefined;
/** Each watched file's connection, and the thread that checkpoints it. */
const watched = new Map<string, { readonly db: Database; readonly worker: Worker }>();
const releases = new Map<string, () => void>();

/** Lets SQLite checkpoint as it would by itself again: the thread is gone or lost the file. */
function checkpointInline(file: string): void {
  const db = watched.get(file)?.db;
  watched.delete(file);
  if (db?.open) db.pragma(`wal_autocheckpoint = ${AUTOMATIC_CHECKPOINT_PAGES}`);
  releases.get(file)?.();
  releases.delete(file);
}

/**
 * The log has grown long: the writing connection itself, between two of its commits, copies
 * what is left (the thread copied most of it) and starts the log over. A thread could not:
 * it would wait for a gap between commits that a busy writer never leaves.
 */
function restartLog(file: string): void {
  const db = watched.get(file)?.db;
  try {
    if (db?.open && !db.inTransaction) db.pragma('wal_checkpoint(RESTART)');
  } catch {
    // Busy readers: the next report tries again.
  }
}

function checkpointThread(): Worker {
  if (thread) return thread;
  const started = new Worker(CHECKPOINT_THREAD, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS },
  });
  started.unref();
  started.on('message', (message: ThreadMessage) => {
    if (message.failed !== undefined) checkpointInline(message.failed);
    if (message.long !== undefined) restartLog(message.long);
    if (message.released !== undefined) {
      releases.get(message.released)?.();
      releases.delete(message.released);
      // Nothing left to checkpoint: the thread goes, and comes back with the next database.
      if (watched.size === 0 && releases.size === 0) {
        thread = undefined;
        void started.terminate();
      }
    }
  });
  const lost = () => {
    if (thread === started) thread = undefined;
    for (const [file, { worker }] of watched) if (worker === started) checkpointInline(file);
    for (const release of releases.values()) release();
    releases.clear();
  };
  started.on('error', lost);
  started.on('exit', lost);
  thread = started;
  return started;
}

/**
 * Moves a WAL database's checkpoints off the event loop. SQLite checkpoints inside the commit
 * that makes its log pass a thousand pages: it copies every page back into the database file
 * and waits for the disk, and every request waits with it. Here a thread of its own does
 * that every 200 ms, beside the writer (WAL lets it), and the commits only append to the log.
 *
 * Answers the release, to call before closing the connection: the checkpoint thread lets go
 * of the file first, so that the closing connection is the last one and folds the log away.
 */
export function checkpointInBackground(
  db: Database,
  options: { readonly restartLogPages?: number } = {},
): () => Promise<void> {
  const file = db.name;
  if (db.memory || watched.has(file)) return () => Promise.resolve();
  let worker: Worker;
  try {
    worker = checkpointThread();
  } catch {
    return () => Promise.resolve();
  }
  db.pragma('wal_autocheckpoint = 0');
  watched.set(file, { db, worker });
  worker.postMessage({ watch: file, restartPages: options.restartLogPages ?? RESTART_LOG_PAGES });
  return () => {
    if (!watched.has(file)) return Promise.resolve();
    watched.delete(file);
    return new Promise<void>((resolve) => {
      releases.set(file, resolve);
      worker.postMessage({ release: file });
    });
  };
}
