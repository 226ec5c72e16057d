import type { CommunicationEvent } from '../../events/communication';
import type { CommunicationState } from '../../src/communications/communication.decider';
import { communicationFacts } from './communication-facts';

const held: CommunicationEvent = {
  type: 'CommunicationHeld',
  schemaVersion: 1,
  data: {
    communicationId: 'c1',
    unitCode: '19',
    heldOn: '2023-03-08',
    form: 'media',
    participants: { total: 500, women: 300 },
  },
};
const fold = (...events: CommunicationEvent[]): CommunicationState | undefined =>
  events.reduce<CommunicationState | undefined>(
    (state, event) =>
      communicationFacts.evolve(
        state,
        event as unknown as { type: string; data: Readonly<Record<string, unknown>> },
      ),
    undefined,
  );
const factsOf = (...events: CommunicationEvent[]) => communicationFacts.facts(fold(...events));

describe('communication facts', () => {
  it("counts an event once, by form (the total is the forms' sum), in the organising unit", () => {
    const on = {
      indicator: 'communications.events',
      unitCode: '19',
      dateFrom: '2023-03-08',
      value: 1,
    };
    expect(factsOf(held)).toEqual([{ ...on, dimension: 'form', category: 'media' }]);
  });

  it('moves the form with a correction, and a voided event counts nothing', () => {
    const corrected: CommunicationEvent = {
      type: 'CommunicationCorrected',
      schemaVersion: 1,
      data: {
        communicationId: 'c1',
        reason: 'r',
        changes: [{ field: 'form', before: 'media', after: 'contest' }],
      },
    };
    expect(factsOf(held, corrected).find((f) => f.dimension === 'form')?.category).toBe('contest');
    const voided: CommunicationEvent = {
      type: 'CommunicationVoided',
      schemaVersion: 1,
      data: { communicationId: 'c1', reason: 'never took place' },
    };
    expect(factsOf(held, voided)).toEqual([]);
  });
});
