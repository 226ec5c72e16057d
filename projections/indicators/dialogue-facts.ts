import { DIALOGUE_EVENT_TYPES, type DialogueEvent } from '../../events/dialogue';
import { dialogueDecider, type DialogueState } from '../../src/dialogues/dialogue.decider';
import type { Fact, FactSource } from './fact';

/** A dialogue counts once, its participants as attendances split by sex; a voided one counts nothing. */
export const dialogueFacts: FactSource<DialogueState> = {
  eventTypes: DIALOGUE_EVENT_TYPES,
  evolve: (state, event) =>
    dialogueDecider.evolve(state ?? dialogueDecider.initialState(), event as DialogueEvent),
  facts(state): Fact[] {
    if (state?.status !== 'held') return [];
    const { unitCode, heldOn, participants, level } = state.record;
    const on = { unitCode, dateFrom: heldOn };
    return [
      { ...on, indicator: 'dialogues.held', value: 1 },
      { ...on, indicator: 'dialogues.held', value: 1, dimension: 'level', category: level },
      { ...on, indicator: 'dialogues.participants', value: participants.total },
      { ...on, indicator: 'dialogues.participants', value: participants.women, dimension: 'sex', category: 'female' },
      {
        ...on,
        indicator: 'dialogues.participants',
        value: participants.total - participants.women,
        dimension: 'sex',
        category: 'male',
      },
    ];
  },
};
