import type { EventStore } from './event-store.port';

export interface VerifyReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBadPosition?: number;
  readonly problem?: string;
}

/**
 * Rechecks the log's structure from the start: positions strictly rising, each stream's
 * revisions consecutive from 0, each event id once.
 */
export async function verifyLog(
  store: EventStore,
  onProgress: (checked: number) => void = () => undefined,
): Promise<VerifyReport> {
  const revisions = new Map<string, number>();
  const ids = new Set<string>();
  let checked = 0;
  let last = 0;
  for (;;) {
    const page = await store.readAll({ after: last, limit: 5000 });
    for (const event of page) {
      const expected = (revisions.get(event.streamId) ?? -1) + 1;
      const problem =
        event.position <= last
          ? `position ${event.position} does not rise after ${last}`
          : event.revision !== expected
            ? `${event.streamId} is at revision ${event.revision} where ${expected} was expected (an event is missing or moved)`
            : ids.has(event.id)
              ? `event id ${event.id} appears twice`
              : undefined;
      if (problem) return { ok: false, checked, firstBadPosition: event.position, problem };
      revisions.set(event.streamId, event.revision);
      ids.add(event.id);
      last = event.position;
      checked += 1;
    }
    onProgress(checked);
    if (page.length === 0) return { ok: true, checked };
  }
}
