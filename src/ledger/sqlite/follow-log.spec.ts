import type { RecordedEvent } from '../event-store.port';
import { followLog } from './follow-log';

const event = (position: number): RecordedEvent => ({
  id: `e-${position}`,
  type: 'Happened',
  schemaVersion: 1,
  data: {},
  metadata: {
    actor: { userId: 'u', username: 'u', role: 'admin', unitCode: '19' },
    recordedAt: '2024-01-01T00:00:00.000Z',
    unitCode: '19',
    correlationId: 'c',
    causationId: 'c',
  },
  streamId: 's',
  revision: position - 1,
  position,
});

describe('following the log', () => {
  it('lets timers and requests run between pages of a long catch-up', async () => {
    const pages = 5;
    const seen: string[] = [];
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    setImmediate(() => seen.push('timer'));
    const subscription = followLog({
      after: 0,
      handler: (page) => {
        seen.push(`page ${page[0]?.position}`);
        if (page[0]?.position === pages) resolveDone();
      },
      // Synchronous, as SQLite reads are: only an explicit yield lets the timer in.
      readPage: (after) => (after < pages ? [event(after + 1)] : []),
      waitForAppend: () => ({
        promise: new Promise<void>(() => undefined),
        cancel: () => undefined,
      }),
      isClosed: () => false,
    });
    await done;
    await subscription.close();
    expect(seen.indexOf('timer')).toBeGreaterThan(0);
    expect(seen.indexOf('timer')).toBeLessThan(pages);
  });
});
