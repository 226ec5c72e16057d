import type { EventHandler, RecordedEvent, Subscription } from '../event-store.port';

interface FollowOptions {
  after: number;
  handler: EventHandler;
  readPage: (after: number) => RecordedEvent[];
  waitForAppend: () => { promise: Promise<void>; cancel: () => void };
  isClosed: () => boolean;
}

/**
 * Catch up from a position, then follow: read a page after the last delivered position;
 * when none is left, sleep until the next append. Reading and registering the wake-up
 * happen in one tick, so no append slips between them.
 */
export function followLog(options: FollowOptions): Subscription {
  let closed = false;
  let cancelWait: (() => void) | undefined;
  let reportFailure: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  const run = async (): Promise<void> => {
    let last = options.after;
    while (!closed && !options.isClosed()) {
      const page = options.readPage(last);
      const tail = page[page.length - 1];
      if (!tail) {
        const wait = options.waitForAppend();
        cancelWait = wait.cancel;
        await wait.promise;
        cancelWait = undefined;
        continue;
      }
      await options.handler(page);
      last = tail.position;
      // Reading and handling are synchronous: between pages, let timers and requests run,
      // or a long catch-up would hold the event loop (health checks unanswered) until done.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  const running = run().catch((error: unknown) => {
    if (!closed) reportFailure(error instanceof Error ? error : new Error(String(error)));
  });

  return {
    failed,
    close: async () => {
      closed = true;
      cancelWait?.();
      await running;
    },
  };
}
