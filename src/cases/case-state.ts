import {
  SUBJECT_PERSONAL_FIELD,
  type CaseEvent,
  type CaseOutcome,
  type CaseRecord,
  type CaseService,
  type ReferralTarget,
} from '../../events/case';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { applyFieldChanges } from '../records/record-changes';
import { assertNever } from '../shared/decider';

export interface CaseReferral {
  readonly to: ReferralTarget;
  readonly on: string;
  readonly note?: SealedPersonal;
}

export interface CaseServiceRecord {
  readonly service: CaseService;
  readonly on: string;
}

export interface CaseClosure {
  readonly on: string;
  readonly outcome: CaseOutcome;
}

/** Everything a case holds once opened: its record and what was done for the person. */
export interface CaseFile {
  readonly id: string;
  readonly record: CaseRecord;
  readonly referrals: readonly CaseReferral[];
  readonly services: readonly CaseServiceRecord[];
}

/** A case: open, closed with an outcome, or voided (it then counts nothing). */
export type CaseState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'open' } & CaseFile)
  | ({ readonly status: 'closed'; readonly closure: CaseClosure } & CaseFile)
  | ({
      readonly status: 'voided';
      readonly reason: string;
      readonly closure?: CaseClosure;
    } & CaseFile);

export type KnownCase = Exclude<CaseState, { status: 'absent' }>;

export const initialCaseState = (): CaseState => ({ status: 'absent' });

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseOpened': {
      const { caseId, ...record } = event.data;
      return { status: 'open', id: caseId, record, referrals: [], services: [] };
    }
    case 'CaseReferred': {
      if (state.status !== 'open') return state;
      const { to, on, note } = event.data;
      return { ...state, referrals: [...state.referrals, { to, on, ...(note ? { note } : {}) }] };
    }
    case 'CaseServiceGiven':
      return state.status === 'open'
        ? {
            ...state,
            services: [...state.services, { service: event.data.service, on: event.data.on }],
          }
        : state;
    case 'CaseClosed':
      return state.status === 'open'
        ? {
            ...state,
            status: 'closed',
            closure: { on: event.data.on, outcome: event.data.outcome },
          }
        : state;
    case 'CaseCorrected': {
      if (state.status !== 'open' && state.status !== 'closed') return state;
      // The change of the sealed details only says "[sealed]"; the new box comes apart.
      const changes = event.data.changes.filter(
        (change) => change.field !== SUBJECT_PERSONAL_FIELD,
      );
      const corrected = applyFieldChanges(state.record, changes);
      const { personal } = event.data;
      return {
        ...state,
        record: personal
          ? { ...corrected, subject: { ...corrected.subject, personal } }
          : corrected,
      };
    }
    case 'CaseVoided': {
      if (state.status !== 'open' && state.status !== 'closed') return state;
      const { status: _status, ...file } = state;
      return { ...file, status: 'voided', reason: event.data.reason };
    }
    default:
      return assertNever(event);
  }
}

/** The dates of everything done on a case after it was opened: its opening must come first. */
export function laterDatesOf(file: KnownCase): string[] {
  return [
    ...file.referrals.map((r) => r.on),
    ...file.services.map((s) => s.on),
    ...('closure' in file && file.closure ? [file.closure.on] : []),
  ];
}
