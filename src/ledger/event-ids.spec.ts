import { eventIdsFor, timeOrderedUuid } from './event-ids';

describe('event and record ids', () => {
  it('are UUIDs of version 7, starting with the time they were made', () => {
    const id = timeOrderedUuid(Date.UTC(2026, 10, 27, 12, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 27, 12, 0, 0));
  });

  it('sort in the order they were made, a millisecond apart, and never repeat', () => {
    const ids = Array.from({ length: 1000 }, (_, ms) => timeOrderedUuid(1_800_000_000_000 + ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set([...ids, ...eventIdsFor(1000)]).size).toBe(2000);
  });
});
