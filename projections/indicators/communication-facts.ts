import { COMMUNICATION_EVENT_TYPES, type CommunicationEvent } from '../../events/communication';
import {
  communicationDecider,
  type CommunicationState,
} from '../../src/communications/communication.decider';
import type { Fact, FactSource } from './fact';

/**
 * A communication event counts once, by form, in the unit that organised it (and so in
 * the units above it, never below). A voided one counts nothing. The total is the sum of
 * the forms (`totalOf`), no fact of its own.
 */
export const communicationFacts: FactSource<CommunicationState> = {
  eventTypes: COMMUNICATION_EVENT_TYPES,
  evolve: (state, event) =>
    communicationDecider.evolve(
      state ?? communicationDecider.initialState(),
      event as CommunicationEvent,
    ),
  facts(state): Fact[] {
    if (state?.status !== 'held') return [];
    const { unitCode, heldOn, form } = state.record;
    return [
      {
        indicator: 'communications.events',
        unitCode,
        dateFrom: heldOn,
        value: 1,
        dimension: 'form',
        category: form,
      },
    ];
  },
};
