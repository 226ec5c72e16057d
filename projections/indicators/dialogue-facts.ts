import { DIALOGUE_EVENT_TYPES, type DialogueEvent } from '../../events/dialogue';
import { dialogueDecider, type DialogueState } from '../../src/dialogues/dialogue.decider';
import type { Fact, FactSource } from './fact';

/**
 * A dialogue counts once, by level, its participants as attendances split by sex; a voided
 * one counts nothing. The totals are the sums of those splits (`totalOf`), no facts of their own.
 */
export const dialogueFacts: FactSource<DialogueState> = {
  eventTypes: DIALOGUE_EVENT_TYPES,
  evolve: (state, event) =>
    dialogueDecider.evolve(state ?? dialogueDecider.initialState(), event as DialogueEvent),
  facts(state): Fact[] {
    if (state?.status !== 'held') return [];
    const { unitCode, heldOn, participants, level } = state.record;
    const dateFrom = heldOn;
    // Literal facts, not spreads: this runs on every dialogue of a rebuild.
    return [
      {
        indicator: 'dialogues.held',
        unitCode,
        dateFrom,
        value: 1,
        dimension: 'level',
        category: level,
      },
      {
        indicator: 'dialogues.participants',
        unitCode,
        dateFrom,
        value: participants.women,
        dimension: 'sex',
        category: 'female',
      },
      {
        indicator: 'dialogues.participants',
        unitCode,
        dateFrom,
        value: participants.total - participants.women,
        dimension: 'sex',
        category: 'male',
      },
    ];
  },
};
