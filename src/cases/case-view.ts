import type { Actor } from '../ledger/envelope';
import type { Ledger } from '../ledger/ledger';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { readPersonal, type PersonalView } from '../personal-data/read-personal';
import type { KnownCase } from './case-state';

/** Where the case was read from, for the record of who read a survivor's details. */
export interface CaseReadContext {
  readonly streamId: string;
  readonly requestId?: string;
}

/**
 * What roles that may not see cases get: that a case exists in their area, its status and
 * dates. Never the violence, the person's sex, age, ethnicity or details, nor notes or
 * reasons, which could single someone out.
 */
export function caseOutline(file: KnownCase): Record<string, unknown> {
  const closure = 'closure' in file ? file.closure : undefined;
  return {
    id: file.id,
    status: file.status,
    addressId: file.record.addressId,
    unitCode: file.record.unitCode,
    openedOn: file.record.openedOn,
    referrals: file.referrals.map((referral) => ({ on: referral.on })),
    ...(closure ? { closedOn: closure.on } : {}),
  };
}

/**
 * Everything a case worker in scope sees. The sealed details and notes share the person's
 * key: the read is recorded once (by readPersonal, before anything is opened) and covers
 * them all.
 */
export async function caseFile(
  ledger: Ledger,
  actor: Actor,
  file: KnownCase,
  context: CaseReadContext,
): Promise<Record<string, unknown>> {
  const { record } = file;
  const { personal, ...subject } = record.subject;
  const boxes = [personal, ...file.referrals.map((referral) => referral.note)].filter(
    (box): box is SealedPersonal => box !== undefined,
  );
  const first = boxes[0];
  const firstView = first
    ? await readPersonal(ledger, actor, first, {
        streamId: context.streamId,
        recordId: file.id,
        unitCode: record.unitCode,
        ...(context.requestId ? { requestId: context.requestId } : {}),
      })
    : undefined;
  const opened = (box: SealedPersonal): PersonalView => {
    if (box === first && firstView) return firstView;
    const found = ledger.vault.open(box);
    return found.status === 'available'
      ? { subjectId: box.subjectId, status: 'available', details: found.details }
      : { subjectId: box.subjectId, status: found.status };
  };
  const closure = 'closure' in file ? file.closure : undefined;
  return {
    id: file.id,
    status: file.status,
    addressId: record.addressId,
    unitCode: record.unitCode,
    openedOn: record.openedOn,
    violenceType: record.violenceType,
    consent: record.consent,
    subject: { ...subject, ...(personal ? { personal: opened(personal) } : {}) },
    referrals: file.referrals.map(({ to, on, note }) => ({
      to,
      on,
      ...(note ? noteView(opened(note)) : {}),
    })),
    services: file.services,
    ...(closure ? { closure } : {}),
    ...(file.status === 'voided' ? { voidReason: file.reason } : {}),
  };
}

function noteView(view: PersonalView): Record<string, unknown> {
  return view.status === 'available' && typeof view.details.note === 'string'
    ? { note: view.details.note }
    : { noteStatus: view.status === 'available' ? 'unreadable' : view.status };
}
