import {
  ANY,
  NO_STREAM,
  START,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
} from '@eventstore/db-client';
import { SYSTEM_ACTOR } from '../envelope';
import type { NewEvent } from '../event-store.port';
import { StoreUnavailable, WrongExpectedRevision } from '../store-errors';
import {
  fromEsdbEvent,
  isLedgerEvent,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toLedgerPosition,
  toReadPosition,
  toStoreError,
} from './eventstoredb-mapping';

const event: NewEvent = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  type: 'DialogueHeld',
  schemaVersion: 2,
  data: { topic: 'early marriage', participants: { total: 40, women: 25 } },
  metadata: {
    actor: SYSTEM_ACTOR,
    recordedAt: '2024-05-01T08:00:00.000Z',
    unitCode: '05443',
    correlationId: 'c-1',
    causationId: 'c-1',
  },
};

function stored(overrides: Partial<AllStreamRecordedEvent> = {}): AllStreamRecordedEvent {
  const written = toEsdbEvent(event);
  return {
    streamId: 'dialogue-1',
    id: written.id,
    isJson: true,
    revision: 3n,
    type: written.type,
    created: new Date(0),
    data: written.data,
    metadata: written.metadata,
    position: { commit: 4242n, prepare: 4242n },
    ...overrides,
  } as AllStreamRecordedEvent;
}

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it('maps no_stream, any and a revision number to the client’s values', () => {
      expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision('any')).toBe(ANY);
      expect(toEsdbExpectedRevision(0)).toBe(0n);
      expect(toEsdbExpectedRevision(41)).toBe(41n);
    });

    it('refuses a revision that cannot name an event', () => {
      expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
      expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
    });
  });

  describe('errors', () => {
    it('turns a wrong expected version into WrongExpectedRevision, in the port’s words', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'club-7',
        expected: 2n,
        current: 5n,
      });

      const mapped = toStoreError(error);

      expect(mapped).toBeInstanceOf(WrongExpectedRevision);
      expect(mapped).toMatchObject({ streamId: 'club-7', expected: '2', actual: '5' });
    });

    it('says "no stream" for a stream that does not exist, whichever way the server put it', () => {
      const named = new WrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: 0n,
        current: NO_STREAM,
      });
      const numbered = new WrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: -1n,
        current: 3n,
      });

      expect(toStoreError(named)).toMatchObject({ expected: '0', actual: 'no stream' });
      expect(toStoreError(numbered)).toMatchObject({ expected: 'no stream', actual: '3' });
    });

    it('treats an append to a deleted stream as a refusal, not an outage', () => {
      expect(toStoreError(StreamDeletedError.fromStreamName('loan-1'))).toMatchObject({
        name: 'WrongExpectedRevision',
        streamId: 'loan-1',
        actual: 'deleted',
      });
    });

    it('turns connection failures and anything unexpected into StoreUnavailable, keeping the cause', () => {
      const unavailable = new UnavailableError(undefined, 'No connection established');
      const discovery = new Error('Failed to discover after 10 attempts.');

      expect(toStoreError(unavailable)).toBeInstanceOf(StoreUnavailable);
      expect(toStoreError(unavailable)).toMatchObject({ cause: unavailable });
      expect(toStoreError(discovery).message).toContain('Failed to discover');
    });

    it('passes the port’s own errors through unchanged', () => {
      const refused = new WrongExpectedRevision('s', '1', '2');
      expect(toStoreError(refused)).toBe(refused);
    });
  });

  describe('positions', () => {
    it('uses the $all commit position of a self-committed event as the ledger position', () => {
      expect(toLedgerPosition({ commit: 123456n, prepare: 123456n })).toBe(123456);
    });

    it('refuses events of explicit transactions, which share one commit position', () => {
      expect(() => toLedgerPosition({ commit: 900n, prepare: 700n })).toThrow(
        /explicit transaction/,
      );
    });

    it('refuses positions a JSON number cannot hold exactly', () => {
      const huge = BigInt(Number.MAX_SAFE_INTEGER) + 2n;
      expect(() => toLedgerPosition({ commit: huge, prepare: huge })).toThrow(RangeError);
    });

    it('reads from the start for position 0 and from the event itself otherwise', () => {
      expect(toReadPosition(0)).toBe(START);
      expect(toReadPosition(4242)).toEqual({ commit: 4242n, prepare: 4242n });
    });
  });

  describe('events', () => {
    it('writes our id, type and data, and keeps schemaVersion beside the envelope in metadata', () => {
      const written = toEsdbEvent(event);

      expect(written).toMatchObject({
        id: event.id,
        type: 'DialogueHeld',
        contentType: 'application/json',
      });
      expect(written.data).toEqual(event.data);
      expect(written.metadata).toEqual({ ...event.metadata, schemaVersion: 2 });
    });

    it('reads back exactly what was written, with stream, revision and position', () => {
      expect(fromEsdbEvent(stored())).toEqual({
        ...event,
        streamId: 'dialogue-1',
        revision: 3,
        position: 4242,
      });
    });

    it('refuses an event without ledger metadata or without a JSON object body', () => {
      expect(() => fromEsdbEvent(stored({ metadata: { actor: 'someone' } }))).toThrow(
        /no ledger metadata/,
      );
      expect(() => fromEsdbEvent(stored({ data: 'text' }))).toThrow(/JSON object/);
      expect(() => fromEsdbEvent(stored({ position: undefined }))).toThrow(/without a position/);
    });

    it('tells ledger events from system events and system streams', () => {
      expect(isLedgerEvent({ event: stored() })).toBe(true);
      expect(isLedgerEvent({ event: stored({ type: '$metadata' }) })).toBe(false);
      expect(isLedgerEvent({ event: stored({ streamId: '$$dialogue-1' }) })).toBe(false);
      expect(isLedgerEvent({ event: stored({ streamId: '$scavenges' }) })).toBe(false);
      expect(isLedgerEvent({})).toBe(false);
    });
  });
});
