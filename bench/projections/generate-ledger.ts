import { randomUUID } from 'node:crypto';
import { timeOrderedUuid } from '../../src/ledger/event-ids';
import before from '../../reference/units-before-2025-07-01.json';
import type { GeographyVersion } from '../../src/geography/administrative-unit';
import { SeededRandom } from '../../src/demo/seeded-random';
import { chainEvents } from '../../src/ledger/event-hash';
import type { EventMetadata } from '../../src/ledger/envelope';
import type { NewEvent } from '../../src/ledger/event-store.port';
import type { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store';

const communes = (before as GeographyVersion).units
  .filter((u) => u.level === 'commune' && u.parent !== '06')
  .map((u) => u.code);
const districts = (before as GeographyVersion).units
  .filter((u) => u.level === 'district' && u.parent === '19')
  .map((u) => u.code);

interface Pending {
  streamId: string;
  revision: number;
  events: NewEvent[];
}

/**
 * Writes a ledger of about `total` realistic events straight through the port (with their
 * hash chains), in a mix close to a province's: members, dialogues, communications,
 * trainings, clubs, and corrections of some of them.
 */
export async function generateLedger(
  store: SqliteEventStore,
  total: number,
  onProgress: (n: number) => void,
): Promise<number> {
  const random = new SeededRandom(2025);
  const start = Date.parse('2024-01-01T00:00:00Z');
  let written = 0;
  const clubs: {
    id: string;
    unitCode: string;
    establishedOn: string;
    revision: number;
    hash?: string;
  }[] = [];
  const dialogues: { id: string; revision: number; hash?: string; total: number }[] = [];
  const metadata = (unitCode: string): EventMetadata => ({
    actor: { userId: 'bench', username: 'bench.officer', role: 'officer', unitCode: '19' },
    recordedAt: new Date(start + written * 1000).toISOString(),
    unitCode,
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
  const event = (type: string, data: Record<string, unknown>, unitCode: string): NewEvent => ({
    id: timeOrderedUuid(),
    type,
    schemaVersion: 1,
    data,
    metadata: metadata(unitCode),
  });
  while (written < total) {
    const batch: Pending[] = [];
    for (let i = 0; i < 2000 && written < total; i++, written++) {
      const roll = random.next();
      const unitCode = random.pick(communes);
      const date = random.date('2022-01-01', '2024-12-31');
      const participants = () => {
        const all = random.int(10, 120);
        return { total: all, women: random.int(0, all) };
      };
      // Clubs fill up to a school club's size (about 40 children), as in the programme.
      const open = clubs.slice(-50).filter((c) => c.revision < 40);
      if (roll < 0.4 && open.length > 0) {
        const club = random.pick(open);
        const pending: Pending = {
          streamId: `club-${club.id}`,
          revision: club.revision,
          ...(club.hash ? { hash: club.hash } : {}),
          events: [],
        };
        pending.events.push(
          event(
            'MemberEnrolled',
            {
              clubId: club.id,
              memberId: timeOrderedUuid(),
              subjectId: timeOrderedUuid(),
              sex: random.next() < 0.6 ? 'female' : 'male',
              birthYear: random.int(2008, 2013),
              enrolledOn: club.establishedOn > date ? club.establishedOn : date,
              consent: { guardian: true, child: true },
            },
            club.unitCode,
          ),
        );
        batch.push(pending);
        club.revision += 1;
      } else if (roll < 0.6) {
        const id = timeOrderedUuid();
        const p = participants();
        batch.push({
          streamId: `dialogue-${id}`,
          revision: -1,
          events: [
            event(
              'DialogueHeld',
              {
                dialogueId: id,
                level: 'commune',
                unitCode,
                heldOn: date,
                topic: 'Bình đẳng giới',
                participants: p,
              },
              unitCode,
            ),
          ],
        });
        dialogues.push({ id, revision: 0, total: p.total });
      } else if (roll < 0.8) {
        const id = timeOrderedUuid();
        batch.push({
          streamId: `communication-${id}`,
          revision: -1,
          events: [
            event(
              'CommunicationHeld',
              {
                communicationId: id,
                unitCode,
                heldOn: date,
                form: 'meeting',
                participants: participants(),
              },
              unitCode,
            ),
          ],
        });
      } else if (roll < 0.9) {
        const id = timeOrderedUuid();
        const organiser = random.next() < 0.5 ? random.pick(districts) : unitCode;
        batch.push({
          streamId: `training-${id}`,
          revision: -1,
          events: [
            event(
              'TrainingHeld',
              {
                trainingId: id,
                unitCode: organiser,
                topic: 'gender_mainstreaming',
                heldOn: date,
                participants: participants(),
                manualsDistributed: random.int(0, 5),
              },
              organiser,
            ),
          ],
        });
      } else if (roll < 0.93 || dialogues.length === 0) {
        const id = timeOrderedUuid();
        const establishedOn = random.date('2021-06-01', '2023-06-30');
        batch.push({
          streamId: `club-${id}`,
          revision: -1,
          events: [
            event(
              'ClubEstablished',
              {
                clubId: id,
                name: `CLB ${id.slice(0, 6)}`,
                unitCode,
                school: 'THCS',
                establishedOn,
              },
              unitCode,
            ),
          ],
        });
        clubs.push({ id, unitCode, establishedOn, revision: 0 });
      } else {
        // A late correction of a dialogue's attendance, as monitoring teams find them.
        const dialogue = random.pick(dialogues);
        const women = random.int(0, dialogue.total);
        batch.push({
          streamId: `dialogue-${dialogue.id}`,
          revision: dialogue.revision,
          events: [
            event(
              'DialogueCorrected',
              {
                dialogueId: dialogue.id,
                changes: [{ field: 'participants.women', before: null, after: women }],
                reason: 'recount',
              },
              unitCode,
            ),
          ],
        });
        dialogue.revision += 1;
      }
    }
    await appendBatch(store, batch);
    if (written % 20_000 === 0 || written >= total) onProgress(written);
  }
  return written;
}

/** The last hash of every stream written so far: the next append chains onto it. */
const lastHash = new Map<string, string | undefined>();

/** Appends a batch concurrently (one group commit), each stream's events in order. */
async function appendBatch(store: SqliteEventStore, batch: Pending[]): Promise<void> {
  const appends = batch.map((pending) => {
    const events = chainEvents(
      pending.streamId,
      pending.revision + 1,
      lastHash.get(pending.streamId),
      pending.events,
    );
    lastHash.set(pending.streamId, events[events.length - 1]?.metadata.hash);
    return store.appendToStream(pending.streamId, events, {
      expectedRevision: pending.revision === -1 ? 'no_stream' : pending.revision,
    });
  });
  await Promise.all(appends);
}
