import { TARGET_SCHEMA_VERSION, type TargetEvent, type TargetRecord } from '../../events/target';
import { INDICATOR_BY_CODE } from '../../projections/indicators/indicator-catalogue';
import { GEOGRAPHY } from '../geography/geography';
import {
  afterCorrection,
  afterVoid,
  correctionOf,
  standingRecord,
  type RecordState,
} from '../records/record-lifecycle';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, RuleViolation } from '../shared/domain-errors';

export type TargetState = RecordState<TargetRecord, 'set'>;

export type TargetCommand =
  | { readonly type: 'SetTarget'; readonly targetId: string; readonly record: TargetRecord }
  | {
      readonly type: 'CorrectTarget';
      readonly targetId: string;
      readonly changes: Readonly<Record<string, unknown>>;
      readonly reason: string;
    }
  | { readonly type: 'VoidTarget'; readonly targetId: string; readonly reason: string };

/** The rules a target must keep, whether new or corrected. */
export function checkTarget(record: TargetRecord): void {
  if (!INDICATOR_BY_CODE.has(record.indicator)) {
    throw new InvalidCommand(
      `indicator ${record.indicator} is not in the catalogue; use one of ${[...INDICATOR_BY_CODE.keys()].join(', ')}`,
    );
  }
  if (!GEOGRAPHY.isKnown(record.unitCode)) {
    throw new InvalidCommand(`unitCode ${record.unitCode} is not a known administrative unit code`);
  }
  if (record.periodFrom > record.periodTo) {
    throw new InvalidCommand(
      `periodFrom (${record.periodFrom}) is after periodTo (${record.periodTo})`,
    );
  }
  if (!Number.isSafeInteger(record.value) || record.value < 0) {
    throw new InvalidCommand('value must be a whole number, 0 or more');
  }
}

function decide(command: TargetCommand, state: TargetState): readonly TargetEvent[] {
  switch (command.type) {
    case 'SetTarget': {
      if (state.status !== 'absent') {
        throw new RuleViolation(`a target with id ${command.targetId} is already set`);
      }
      checkTarget(command.record);
      return [
        {
          type: 'TargetSet',
          schemaVersion: TARGET_SCHEMA_VERSION,
          data: { targetId: command.targetId, ...command.record },
        },
      ];
    }
    case 'CorrectTarget': {
      const record = standingRecord(state, 'target', command.targetId, 'corrected');
      const changes = correctionOf(record, command.changes, checkTarget);
      return [
        {
          type: 'TargetCorrected',
          schemaVersion: TARGET_SCHEMA_VERSION,
          data: { targetId: command.targetId, changes, reason: command.reason },
        },
      ];
    }
    case 'VoidTarget': {
      standingRecord(state, 'target', command.targetId, 'voided');
      return [
        {
          type: 'TargetVoided',
          schemaVersion: TARGET_SCHEMA_VERSION,
          data: { targetId: command.targetId, reason: command.reason },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: TargetState, event: TargetEvent): TargetState {
  switch (event.type) {
    case 'TargetSet': {
      const { targetId, ...record } = event.data;
      return { status: 'set', id: targetId, record };
    }
    case 'TargetCorrected':
      return afterCorrection(state, event.data.changes);
    case 'TargetVoided':
      return afterVoid(state, event.data.reason);
    default:
      return assertNever(event);
  }
}

export const targetDecider: Decider<TargetCommand, TargetState, TargetEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'absent' }),
};
