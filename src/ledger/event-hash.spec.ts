import { createHash } from 'node:crypto';
import {
  chainEvents,
  eventHash,
  eventHashOfText,
  splitHashedMetadata,
  unhashed,
} from './event-hash';
import { textsOf } from './event-texts';

const held = {
  streamId: 'dialogue-1',
  revision: 0,
  id: 'e-1',
  type: 'DialogueHeld',
  schemaVersion: 1,
  data: { topic: 'Bình đẳng giới', participants: { total: 92, women: 60 } },
  metadata: {
    actor: {
      userId: 'u',
      username: 'lienminh.officer',
      role: 'officer' as const,
      unitCode: '05752',
    },
    recordedAt: '2024-01-01T00:00:00.000Z',
    unitCode: '05752',
    correlationId: 'c',
    causationId: 'k',
  },
};

describe('event hash', () => {
  it('stays the digest that ledgers already hold', () => {
    // Taken from the first implementation (six updates of one sha256): stored hashes must
    // keep verifying.
    const first = eventHash(undefined, held);
    expect(first).toBe('f666cb02302ce945214e652f8d7b6a344c3f7a35f700360ce05611ca0c13bbfa');
    expect(eventHash(first, { ...held, revision: 1, id: 'e-2' })).toBe(
      'fa2cc739b6b5f5c038ddd5f71cc8c869ece46b69f72454f924f09ed9cf427ce5',
    );
  });

  it('is sha256 of the previous hash and the content, parts fed one after another', () => {
    const previous = 'a'.repeat(64);
    const reference = createHash('sha256')
      .update(previous)
      .update('\u0000')
      .update(
        `${held.streamId}\u0000${held.revision}\u0000${held.id}\u0000${held.type}\u0000${held.schemaVersion}\u0000`,
      )
      .update(JSON.stringify(held.data))
      .update('\u0000')
      .update(JSON.stringify(held.metadata))
      .digest('hex');
    expect(eventHash(previous, held)).toBe(reference);
  });

  it('splits stored metadata into the hashed text and the hash, as chained', () => {
    const [chained] = chainEvents(held.streamId, 0, undefined, [held]);
    const stored = JSON.stringify(chained!.metadata);
    const split = splitHashedMetadata(stored);
    expect(split).toEqual({
      unhashedText: JSON.stringify(unhashed(chained!.metadata)),
      hash: chained!.metadata.hash,
    });
    expect(eventHashOfText(undefined, held, JSON.stringify(held.data), split!.unhashedText)).toBe(
      split!.hash,
    );
  });

  it('finds no hash in metadata that does not end with one', () => {
    expect(splitHashedMetadata(JSON.stringify(held.metadata))).toBeUndefined();
    expect(splitHashedMetadata('{}')).toBeUndefined();
    expect(splitHashedMetadata(`{"hash":"${'a'.repeat(64)}","unitCode":"19"}`)).toBeUndefined();
  });

  it('keeps, for each chained event, the JSON the log stores: what the store writes without serializing again', () => {
    const withGaps = {
      ...held,
      data: { ...held.data, personal: undefined },
      metadata: { ...held.metadata, reason: undefined },
    };
    const [first, second] = chainEvents(held.streamId, 0, undefined, [
      withGaps,
      { ...held, id: 'e-2' },
    ]);
    for (const event of [first!, second!]) {
      expect(textsOf(event)).toEqual({
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
      });
    }
    expect(first!.metadata.hash).toBe(
      eventHash(undefined, { ...withGaps, metadata: unhashed(first!.metadata) }),
    );
  });
});
