import {
  CASE_EVENT_TYPES,
  type CaseEvent,
  type CaseOutcome,
  type ViolenceType,
} from '../../events/case';
import { assertNever } from '../../src/shared/decider';
import type { Fact, FactSource } from './fact';

/**
 * Only what case indicators need. The read model keeps this and nothing else of a case:
 * no subject, no ethnicity, no sealed details or notes.
 */
export interface CaseCounted {
  readonly unitCode: string;
  readonly openedOn: string;
  readonly violenceType: ViolenceType;
  readonly closure?: { readonly on: string; readonly outcome: CaseOutcome };
  readonly voided: boolean;
}

function evolve(state: CaseCounted | undefined, event: CaseEvent): CaseCounted | undefined {
  switch (event.type) {
    case 'CaseOpened': {
      const { unitCode, openedOn, violenceType } = event.data;
      return { unitCode, openedOn, violenceType, voided: false };
    }
    case 'CaseClosed':
      return state && !state.closure
        ? { ...state, closure: { on: event.data.on, outcome: event.data.outcome } }
        : state;
    case 'CaseCorrected': {
      if (!state) return state;
      let next = state;
      for (const change of event.data.changes) {
        if (change.field === 'openedOn') next = { ...next, openedOn: change.after as string };
        if (change.field === 'violenceType')
          next = { ...next, violenceType: change.after as ViolenceType };
      }
      return next;
    }
    case 'CaseVoided':
      return state ? { ...state, voided: true } : state;
    case 'CaseReferred':
    case 'CaseServiceGiven':
      return state;
    default:
      return assertNever(event);
  }
}

/**
 * A case counts in `cases.opened` on its opening date, by violence type, and in
 * `cases.closed` on its closure date, by outcome (flows); a voided case counts nothing.
 */
export const caseFacts: FactSource<CaseCounted> = {
  eventTypes: CASE_EVENT_TYPES,
  evolve: (state, event) => evolve(state, event as unknown as CaseEvent),
  facts(state): Fact[] {
    if (state === undefined || state.voided) return [];
    // Literal facts, not spreads of one another: spreads cost microseconds a fact.
    const { unitCode, openedOn, violenceType } = state;
    const facts: Fact[] = [
      { indicator: 'cases.opened', unitCode, dateFrom: openedOn, value: 1 },
      {
        indicator: 'cases.opened',
        unitCode,
        dateFrom: openedOn,
        value: 1,
        dimension: 'violenceType',
        category: violenceType,
      },
    ];
    if (state.closure) {
      const { on, outcome } = state.closure;
      facts.push(
        { indicator: 'cases.closed', unitCode, dateFrom: on, value: 1 },
        {
          indicator: 'cases.closed',
          unitCode,
          dateFrom: on,
          value: 1,
          dimension: 'outcome',
          category: outcome,
        },
      );
    }
    return facts;
  },
};
