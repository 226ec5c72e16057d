import {
  DIALOGUE_SCHEMA_VERSION,
  type DialogueEvent,
  type DialogueRecord,
} from '../../events/dialogue';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { dialogueDecider, type DialogueCommand } from './dialogue.decider';

const id = '6f1c0a4e-8d0b-4a51-9d37-1b7c2f1e0a11';
const today = '2024-06-01';
const record: DialogueRecord = {
  level: 'commune',
  unitCode: '05752',
  heldOn: '2023-10-12',
  topic: 'Access to preferential credit for ethnic minority women',
  participants: { total: 92, women: 60 },
};

const held: DialogueEvent = {
  type: 'DialogueHeld',
  schemaVersion: DIALOGUE_SCHEMA_VERSION,
  data: { dialogueId: id, ...record },
};
const corrected = (
  changes: { field: string; before: unknown; after: unknown }[],
  reason = 'recount',
): DialogueEvent => ({
  type: 'DialogueCorrected',
  schemaVersion: DIALOGUE_SCHEMA_VERSION,
  data: { dialogueId: id, changes, reason },
});
const voided: DialogueEvent = {
  type: 'DialogueVoided',
  schemaVersion: DIALOGUE_SCHEMA_VERSION,
  data: { dialogueId: id, reason: 'entered twice' },
};

const hold = (overrides: Partial<DialogueRecord> = {}, on = today): DialogueCommand => ({
  type: 'HoldDialogue',
  dialogueId: id,
  record: { ...record, ...overrides },
  today: on,
});
const correct = (changes: Record<string, unknown>): DialogueCommand => ({
  type: 'CorrectDialogue',
  dialogueId: id,
  changes,
  reason: 'attendance list recounted',
  today,
});
const voidIt: DialogueCommand = { type: 'VoidDialogue', dialogueId: id, reason: 'entered twice' };

/** Given the events so far, when the command is decided: the events it decides, or its refusal. */
function given(...history: DialogueEvent[]) {
  const state = history.reduce(dialogueDecider.evolve, dialogueDecider.initialState());
  return {
    state,
    when: (command: DialogueCommand) => () => dialogueDecider.decide(command, Object.freeze(state)),
  };
}

describe('the dialogue decider', () => {
  describe('holding a dialogue', () => {
    it('given nothing, records it as held', () => {
      expect(given().when(hold())()).toEqual([held]);
    });

    it('given nothing, accepts a village cluster dialogue held today', () => {
      const [event] = given().when(
        hold({ level: 'village_cluster', heldOn: today, unitCode: '05746' }),
      )();
      expect(event).toMatchObject({
        type: 'DialogueHeld',
        data: { level: 'village_cluster', heldOn: today },
      });
    });

    it('given a dialogue with that id, refuses a second one (409)', () => {
      expect(given(held).when(hold())).toThrow(RuleViolation);
      expect(given(held).when(hold())).toThrow(/already recorded/);
    });

    it.each([
      [
        { participants: { total: 92, women: 93 } },
        /participants\.women \(93\) cannot be more than participants\.total \(92\)/,
      ],
      [{ heldOn: '2024-06-02' }, /heldOn 2024-06-02 is in the future; today is 2024-06-01/],
      [
        { unitCode: '170' },
        /unitCode 170 \(Huyện Võ Nhai\) is a district; this record needs a commune/,
      ],
      [{ unitCode: '19' }, /unitCode 19 .* is a province/],
      [{ unitCode: '99999' }, /unitCode 99999 is not a known administrative unit code/],
    ])('given nothing, refuses %j (400)', (overrides, message) => {
      const decide = given().when(hold(overrides));
      expect(decide).toThrow(InvalidCommand);
      expect(decide).toThrow(message);
    });

    it('given nothing, reads the unit in the catalogue of the business date', () => {
      // A Bắc Kạn commune before the 2025 merger is a commune like any other.
      expect(given().when(hold({ unitCode: '01834', heldOn: '2024-05-31' }))()).toHaveLength(1);
      const decide = given().when(hold({ heldOn: '2025-07-01' }, '2025-12-31'));
      expect(decide).toThrow(InvalidCommand);
      expect(decide).toThrow(
        /unitCode 05752 \(Xã Liên Minh\) did not exist on 2025-07-01; from 2025-07-01 it is part of 05746/,
      );
      expect(given().when(hold({ heldOn: '2025-06-30' }, '2025-12-31'))()).toHaveLength(1);
    });
  });

  describe('correcting a dialogue', () => {
    it('given a held dialogue, records each changed field before and after, with the reason', () => {
      expect(
        given(held).when(correct({ participants: { women: 61 }, topic: 'Land use' }))(),
      ).toEqual([
        corrected(
          [
            { field: 'participants.women', before: 60, after: 61 },
            { field: 'topic', before: record.topic, after: 'Land use' },
          ],
          'attendance list recounted',
        ),
      ]);
    });

    it('given a correction, folds it into the record and diffs against the corrected record', () => {
      const { state, when } = given(
        held,
        corrected([{ field: 'participants.women', before: 60, after: 61 }]),
      );
      expect(state).toEqual({
        status: 'held',
        id,
        record: { ...record, participants: { total: 92, women: 61 } },
      });
      expect(when(correct({ participants: { women: 60 } }))()).toEqual([
        corrected(
          [{ field: 'participants.women', before: 61, after: 60 }],
          'attendance list recounted',
        ),
      ]);
    });

    it.each([
      [
        { participants: { women: 93 } },
        /participants\.women \(93\) cannot be more than participants\.total \(92\)/,
      ],
      [
        { participants: { total: 59 } },
        /participants\.women \(60\) cannot be more than participants\.total \(59\)/,
      ],
      [{ heldOn: '2024-06-02' }, /is in the future/],
      [{ unitCode: '173' }, /is a district/],
      [{ heldOn: '2025-01-01', unitCode: '05746' }, /is in the future/],
      [{ topic: record.topic }, /nothing to correct/],
      [{ participants: { total: 92 } }, /nothing to correct/],
    ])(
      'given a held dialogue, refuses changes %j that break its rules or change nothing (400)',
      (changes, message) => {
        expect(given(held).when(correct(changes))).toThrow(InvalidCommand);
        expect(given(held).when(correct(changes))).toThrow(message);
      },
    );

    it('given nothing, refuses with 404', () => {
      expect(given().when(correct({ topic: 'x' }))).toThrow(NotFound);
      expect(given().when(correct({ topic: 'x' }))).toThrow(`no dialogue with id ${id}`);
    });

    it('given a voided dialogue, refuses with 409 and says why it was voided', () => {
      expect(given(held, voided).when(correct({ topic: 'x' }))).toThrow(RuleViolation);
      expect(given(held, voided).when(correct({ topic: 'x' }))).toThrow(
        /was voided \(entered twice\); a voided record cannot be corrected/,
      );
    });
  });

  describe('voiding a dialogue', () => {
    it('given a held dialogue, voids it with the reason', () => {
      expect(given(held).when(voidIt)()).toEqual([voided]);
    });

    it('given a corrected dialogue, voids it too', () => {
      expect(
        given(held, corrected([{ field: 'topic', before: record.topic, after: 'x' }])).when(
          voidIt,
        )(),
      ).toEqual([voided]);
    });

    it('given a voided dialogue, refuses a second void (409)', () => {
      expect(given(held, voided).when(voidIt)).toThrow(RuleViolation);
      expect(given(held, voided).when(voidIt)).toThrow(/cannot be voided/);
    });

    it('given nothing, refuses with 404', () => {
      expect(given().when(voidIt)).toThrow(NotFound);
    });
  });

  describe('evolving', () => {
    it('keeps a voided dialogue voided, with its content, whatever follows', () => {
      const { state } = given(
        held,
        voided,
        corrected([{ field: 'topic', before: record.topic, after: 'late' }]),
      );
      expect(state).toEqual({ status: 'voided', id, record, reason: 'entered twice' });
    });

    it('starts from nothing', () => {
      expect(dialogueDecider.initialState()).toEqual({ status: 'absent' });
    });
  });
});
