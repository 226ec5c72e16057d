import { TRAINING_EVENT_TYPES, type TrainingEvent } from '../../events/training';
import { trainingDecider, type TrainingState } from '../../src/trainings/training.decider';
import type { Fact, FactSource } from './fact';

/**
 * A training class counts once, by topic; its participants as attendances split by sex;
 * its manuals as copies. The facts sit in the organising unit, so a district's class
 * counts for the district and the province, never for a commune. A voided class counts
 * nothing. The totals of classes and participants are the sums of topics and sexes
 * (`totalOf`), no facts of their own.
 */
export const trainingFacts: FactSource<TrainingState> = {
  eventTypes: TRAINING_EVENT_TYPES,
  evolve: (state, event) =>
    trainingDecider.evolve(state ?? trainingDecider.initialState(), event as TrainingEvent),
  facts(state): Fact[] {
    if (state?.status !== 'held') return [];
    const { unitCode, heldOn, topic, participants, manualsDistributed } = state.record;
    const dateFrom = heldOn;
    const manuals = manualsDistributed ?? 0;
    // Literal facts, not spreads: this runs on every class of a rebuild.
    const facts: Fact[] = [
      {
        indicator: 'trainings.classes',
        unitCode,
        dateFrom,
        value: 1,
        dimension: 'topic',
        category: topic,
      },
      {
        indicator: 'trainings.participant_times',
        unitCode,
        dateFrom,
        value: participants.women,
        dimension: 'sex',
        category: 'female',
      },
      {
        indicator: 'trainings.participant_times',
        unitCode,
        dateFrom,
        value: participants.total - participants.women,
        dimension: 'sex',
        category: 'male',
      },
    ];
    if (manuals > 0) {
      facts.push({
        indicator: 'trainings.manuals_distributed',
        unitCode,
        dateFrom,
        value: manuals,
      });
    }
    return facts;
  },
};
