import { randomUUID } from 'node:crypto';
import { SUBJECT_SCHEMA_VERSION, subjectStream, type SubjectEvent } from '../../events/subject';
import type { Actor } from '../ledger/envelope';
import type { Ledger } from '../ledger/ledger';
import type { OpenedPersonal, SealedPersonal } from './personal-vault';

/** What an API answer shows of a person's details. */
export type PersonalView =
  | { readonly subjectId: string; readonly status: 'available'; readonly details: Readonly<Record<string, unknown>> }
  | { readonly subjectId: string; readonly status: 'erased' | 'unreadable' };

/**
 * Opens a person's details for an actor allowed to read them, and first records the read
 * (who, whose, when, through which request) as an event: no read goes unrecorded.
 */
export async function readPersonal(
  ledger: Ledger,
  actor: Actor,
  box: SealedPersonal,
  context: { readonly streamId: string; readonly recordId: string; readonly unitCode: string; readonly requestId?: string },
): Promise<PersonalView> {
  const opened: OpenedPersonal = ledger.vault.open(box);
  if (opened.status !== 'available') return { subjectId: box.subjectId, status: opened.status };
  const requestId = context.requestId ?? randomUUID();
  await ledger.commands.run<null, SubjectEvent>(
    {
      streamId: subjectStream(box.subjectId),
      initialState: () => null,
      evolve: (state) => state,
      decide: () => [
        {
          type: 'PersonalDetailsRead',
          schemaVersion: SUBJECT_SCHEMA_VERSION,
          data: { subjectId: box.subjectId, streamId: context.streamId, recordId: context.recordId, requestId },
        },
      ],
      unitOf: () => context.unitCode,
      resultId: box.subjectId,
    },
    { actor, now: new Date(), correlationId: requestId },
  );
  return { subjectId: box.subjectId, status: 'available', details: opened.details };
}
