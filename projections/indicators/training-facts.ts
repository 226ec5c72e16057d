import { TRAINING_EVENT_TYPES, type TrainingEvent } from '../../events/training';
import { trainingDecider, type TrainingState } from '../../src/trainings/training.decider';
import type { Fact, FactSource } from './fact';

/**
 * A training class counts once, by topic; its participants as attendances split by sex;
 * its manuals as copies. The facts sit in the organising unit, so a district's class
 * counts for the district and the province, never for a commune. A voided class counts
 * nothing.
 */
export const trainingFacts: FactSource<TrainingState> = {
  eventTypes: TRAINING_EVENT_TYPES,
  evolve: (state, event) =>
    trainingDecider.evolve(state ?? trainingDecider.initialState(), event as TrainingEvent),
  facts(state): Fact[] {
    if (state?.status !== 'held') return [];
    const { unitCode, heldOn, topic, participants, manualsDistributed } = state.record;
    const on = { unitCode, dateFrom: heldOn };
    const manuals = manualsDistributed ?? 0;
    return [
      { ...on, indicator: 'trainings.classes', value: 1 },
      { ...on, indicator: 'trainings.classes', value: 1, dimension: 'topic', category: topic },
      { ...on, indicator: 'trainings.participant_times', value: participants.total },
      {
        ...on,
        indicator: 'trainings.participant_times',
        value: participants.women,
        dimension: 'sex',
        category: 'female',
      },
      {
        ...on,
        indicator: 'trainings.participant_times',
        value: participants.total - participants.women,
        dimension: 'sex',
        category: 'male',
      },
      ...(manuals > 0
        ? [{ ...on, indicator: 'trainings.manuals_distributed', value: manuals }]
        : []),
    ];
  },
};
