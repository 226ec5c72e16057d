import type { TargetEvent, TargetRecord } from '../../events/target';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { targetDecider, type TargetCommand } from './target.decider';

const given = (events: TargetEvent[]) =>
  events.reduce(targetDecider.evolve, targetDecider.initialState());
const when = (events: TargetEvent[], command: TargetCommand) => () =>
  targetDecider.decide(command, given(events));

const record: TargetRecord = {
  indicator: 'dialogues.held',
  unitCode: '19',
  periodFrom: '2021-01-01',
  periodTo: '2025-12-31',
  value: 88,
};
const set: TargetEvent = {
  type: 'TargetSet',
  schemaVersion: 1,
  data: { targetId: 'g1', ...record },
};
const setTarget = (changes: Partial<TargetRecord> = {}): TargetCommand => ({
  type: 'SetTarget',
  targetId: 'g1',
  record: { ...record, ...changes },
});
const correct = (changes: Record<string, unknown>): TargetCommand => ({
  type: 'CorrectTarget',
  targetId: 'g1',
  changes,
  reason: 'revised plan',
});
const voided: TargetEvent = {
  type: 'TargetVoided',
  schemaVersion: 1,
  data: { targetId: 'g1', reason: 'set twice' },
};

describe('target decider', () => {
  it('given nothing, when a target is set, then TargetSet', () => {
    expect(when([], setTarget())()).toEqual([set]);
    expect(given([set])).toEqual({ status: 'set', id: 'g1', record });
  });

  it('refuses an unknown indicator, an unknown unit, a period that ends before it starts, a negative value', () => {
    expect(when([], setTarget({ indicator: 'dialogues.planned' }))).toThrow(
      /indicator dialogues.planned is not in the catalogue/,
    );
    expect(when([], setTarget({ unitCode: '99' }))).toThrow(/unitCode 99 is not a known/);
    expect(when([], setTarget({ periodTo: '2020-12-31' }))).toThrow(
      /periodFrom \(2021-01-01\) is after periodTo/,
    );
    expect(when([], setTarget({ value: -1 }))).toThrow(InvalidCommand);
  });

  it('accepts a zero target and a one-day period', () => {
    expect(when([], setTarget({ value: 0, periodTo: '2021-01-01' }))()).toHaveLength(1);
  });

  it('given a target, when corrected, then TargetCorrected with before and after, held to the same rules', () => {
    expect(when([set], correct({ value: 90 }))()).toEqual([
      {
        type: 'TargetCorrected',
        schemaVersion: 1,
        data: {
          targetId: 'g1',
          reason: 'revised plan',
          changes: [{ field: 'value', before: 88, after: 90 }],
        },
      },
    ]);
    expect(when([set], correct({ periodFrom: '2026-01-01' }))).toThrow(InvalidCommand);
    expect(when([set], correct({ value: 88 }))).toThrow(/nothing to correct/);
  });

  it('given nothing, corrections and voids are not found; given a voided target, they conflict', () => {
    expect(when([], correct({ value: 1 }))).toThrow(NotFound);
    expect(when([], { type: 'VoidTarget', targetId: 'g1', reason: 'x' })).toThrow(NotFound);
    expect(when([set], { type: 'VoidTarget', targetId: 'g1', reason: 'set twice' })()).toEqual([
      voided,
    ]);
    expect(when([set, voided], correct({ value: 1 }))).toThrow(RuleViolation);
    expect(when([set, voided], { type: 'VoidTarget', targetId: 'g1', reason: 'x' })).toThrow(
      RuleViolation,
    );
    expect(when([set], setTarget())).toThrow(RuleViolation);
  });
});
