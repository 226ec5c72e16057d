import type { TrainingEvent } from '../../events/training';
import type { TrainingState } from '../../src/trainings/training.decider';
import type { Fact } from './fact';
import { trainingFacts } from './training-facts';

const held: TrainingEvent = {
  type: 'TrainingHeld',
  schemaVersion: 1,
  data: {
    trainingId: 't1',
    unitCode: '170',
    topic: 'gender_mainstreaming',
    heldOn: '2023-05-10',
    participants: { total: 60, women: 40 },
    manualsDistributed: 30,
  },
};
const corrected = (
  changes: { field: string; before: unknown; after: unknown }[],
): TrainingEvent => ({
  type: 'TrainingCorrected',
  schemaVersion: 1,
  data: { trainingId: 't1', changes, reason: 'recounted' },
});
const voided: TrainingEvent = {
  type: 'TrainingVoided',
  schemaVersion: 1,
  data: { trainingId: 't1', reason: 'twice' },
};

const fold = (...events: TrainingEvent[]): TrainingState | undefined =>
  events.reduce<TrainingState | undefined>(
    (state, event) =>
      trainingFacts.evolve(
        state,
        event as unknown as { type: string; data: Readonly<Record<string, unknown>> },
      ),
    undefined,
  );
const factsOf = (...events: TrainingEvent[]) => trainingFacts.facts(fold(...events));
const total = (facts: readonly Fact[], indicator: string, dimension?: string, category?: string) =>
  facts
    .filter(
      (f) => f.indicator === indicator && f.dimension === dimension && f.category === category,
    )
    .reduce((sum, f) => sum + f.value, 0);

describe('training facts', () => {
  it('counts a class once by topic, its attendances split by sex, and its manuals, in the organising unit', () => {
    const facts = factsOf(held);
    expect(
      facts.every(
        (f) => f.unitCode === '170' && f.dateFrom === '2023-05-10' && f.dateTo === undefined,
      ),
    ).toBe(true);
    // The totals of classes and attendances are the sums of topics and sexes: no facts of their own.
    expect(total(facts, 'trainings.classes')).toBe(0);
    expect(total(facts, 'trainings.classes', 'topic', 'gender_mainstreaming')).toBe(1);
    expect(total(facts, 'trainings.participant_times')).toBe(0);
    expect(total(facts, 'trainings.participant_times', 'sex', 'female')).toBe(40);
    expect(total(facts, 'trainings.participant_times', 'sex', 'male')).toBe(20);
    expect(total(facts, 'trainings.manuals_distributed')).toBe(30);
  });

  it('counts no manuals for a class that handed none out', () => {
    const none = {
      ...held,
      data: { ...held.data, manualsDistributed: undefined },
    } as TrainingEvent;
    expect(factsOf(none).some((f) => f.indicator === 'trainings.manuals_distributed')).toBe(false);
  });

  it('follows corrections, and a voided class counts nothing', () => {
    const facts = factsOf(
      held,
      corrected([{ field: 'participants.women', before: 40, after: 45 }]),
    );
    expect(total(facts, 'trainings.participant_times', 'sex', 'female')).toBe(45);
    expect(total(facts, 'trainings.participant_times', 'sex', 'male')).toBe(15);
    expect(factsOf(held, voided)).toEqual([]);
    expect(trainingFacts.facts(undefined)).toEqual([]);
  });
});
