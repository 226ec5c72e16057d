import * as fc from 'fast-check';
import {
  type Actor,
  AGE_BANDS,
  type CaseWorker,
  COMMUNES,
  dateOf,
  dayNumber,
  FIRST_DAY,
  FORMS,
  type GatheringKind,
  LAST_DAY,
  LENDERS,
  LEVELS,
  type Officer,
  OUTCOMES,
  PURPOSES,
  REFERRAL_TARGETS,
  SEXES,
  TOPICS,
  UNITS,
  VIOLENCE_TYPES,
} from './indicator-model';

/**
 * Random commands over every activity, as generated: which entity a follow-up is about
 * (`target`, an index into the known ones) and its dates (`shift`, days after the date it
 * follows) stay raw choices, made concrete against the model when the command is sent
 * (activity-rules.ts), so that most commands fit their entity and some do not.
 */

export interface Counts {
  readonly total: number;
  readonly women: number;
}
export type GatheringChanges = Partial<
  Counts & { unitCode: string; heldOn: string; category: string; manuals: number }
>;
export type Command =
  | {
      readonly kind: 'gathering.record';
      readonly of: GatheringKind;
      readonly by: Officer;
      readonly unitCode: string;
      readonly heldOn: string;
      readonly category: string;
      readonly counts: Counts;
      readonly manuals?: number;
    }
  | {
      readonly kind: 'gathering.correct';
      readonly of: GatheringKind;
      readonly by: Officer;
      readonly target: number;
      readonly changes: GatheringChanges;
    }
  | {
      readonly kind: 'gathering.void';
      readonly of: GatheringKind;
      readonly by: Officer;
      readonly target: number;
    }
  | {
      readonly kind: 'club.establish';
      readonly by: Officer;
      readonly unitCode: string;
      readonly on: string;
    }
  | {
      readonly kind: 'club.correct';
      readonly by: Officer;
      readonly target: number;
      readonly unitCode?: string;
      readonly shift?: number;
    }
  | {
      readonly kind: 'club.dissolve';
      readonly by: Officer;
      readonly target: number;
      readonly shift: number;
    }
  | { readonly kind: 'club.void'; readonly by: Officer; readonly target: number }
  | {
      readonly kind: 'member.enrol';
      readonly by: Officer;
      readonly target: number;
      readonly shift: number;
      readonly age: number;
      readonly sex: string;
      readonly childConsent: boolean;
    }
  | {
      readonly kind: 'member.correct';
      readonly by: Officer;
      readonly target: number;
      readonly member: number;
      readonly sex: string;
    }
  | {
      readonly kind: 'member.withdraw';
      readonly by: Officer;
      readonly target: number;
      readonly member: number;
      readonly shift: number;
    }
  | {
      readonly kind: 'member.void';
      readonly by: Officer;
      readonly target: number;
      readonly member: number;
    }
  | {
      readonly kind: 'loan.introduce';
      readonly by: Officer;
      readonly unitCode: string;
      readonly on: string;
      readonly lender: string;
      readonly purpose: string;
      readonly millions: number;
      readonly sex: string;
    }
  | {
      readonly kind: 'loan.decide';
      readonly by: Officer;
      readonly target: number;
      readonly approve: boolean;
      readonly shift: number;
      /** The amount approved, per mille of the amount requested: above 1000 is refused. */
      readonly permille: number;
    }
  | {
      readonly kind: 'loan.disburse';
      readonly by: Officer;
      readonly target: number;
      readonly shift: number;
      /** The amount, per mille of what remains to disburse: above 1000 is refused. */
      readonly permille: number;
    }
  | {
      readonly kind: 'loan.repay';
      readonly by: Officer;
      readonly target: number;
      readonly shift: number;
    }
  | {
      readonly kind: 'loan.correct';
      readonly by: Officer;
      readonly target: number;
      readonly changes: Partial<{
        unitCode: string;
        lender: string;
        sex: string;
        shift: number;
        millions: number;
      }>;
    }
  | { readonly kind: 'loan.void'; readonly by: Officer; readonly target: number }
  | {
      readonly kind: 'address.establish';
      readonly by: Actor;
      readonly unitCode: string;
      readonly on: string;
    }
  | {
      readonly kind: 'address.close';
      readonly by: Actor;
      readonly target: number;
      readonly shift: number;
    }
  | {
      readonly kind: 'address.correct';
      readonly by: Actor;
      readonly target: number;
      readonly unitCode?: string;
      readonly shift?: number;
    }
  | { readonly kind: 'address.void'; readonly by: Actor; readonly target: number }
  | {
      readonly kind: 'case.open';
      /** Now and then an officer, who may not open cases. */
      readonly by: Actor;
      readonly target: number;
      readonly shift: number;
      readonly violenceType: string;
      readonly sex: string;
      readonly ageBand: string;
    }
  | {
      readonly kind: 'case.refer';
      readonly by: CaseWorker;
      readonly target: number;
      readonly shift: number;
      readonly to: string;
    }
  | {
      readonly kind: 'case.close';
      readonly by: CaseWorker;
      readonly target: number;
      readonly shift: number;
      readonly outcome: string;
    }
  | {
      readonly kind: 'case.correct';
      readonly by: CaseWorker;
      readonly target: number;
      readonly violenceType?: string;
      readonly shift?: number;
    }
  | { readonly kind: 'case.void'; readonly by: CaseWorker; readonly target: number };

// --- Generators ------------------------------------------------------------------------------

export const day = fc.integer({ min: dayNumber(FIRST_DAY), max: dayNumber(LAST_DAY) }).map(dateOf);
/** Days after the date a follow-up refers to: mostly after it, now and then before (a refusal). */
export const shift = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1) },
  { weight: 6, arbitrary: fc.integer({ min: -45, max: 420 }) },
);
// Unbiased: small numbers would mostly pick the first, or an unknown, entity.
export const target = fc.noBias(fc.nat());
export const officer = fc.constantFrom<Officer>('province', 'province', 'province', 'district170');
export const caseWorker = fc.constantFrom<CaseWorker>('caseProvince', 'caseProvince', 'case170');
export const anyActor = fc.constantFrom<Actor>(
  'province',
  'district170',
  'caseProvince',
  'case170',
);
export const counts = fc
  .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 110 }))
  // Now and then more women than participants: a refusal.
  .map(([total, percent]) => ({
    total,
    women: Math.floor((total * percent) / 100) + (percent > 100 ? 1 : 0),
  }));
export const GATHERING_UNITS: Readonly<Record<GatheringKind, readonly string[]>> = {
  dialogue: COMMUNES,
  training: UNITS,
  communication: UNITS,
};
export const CATEGORIES: Readonly<Record<GatheringKind, readonly string[]>> = {
  dialogue: LEVELS,
  training: TOPICS,
  communication: FORMS,
};
export const nonEmpty = <T extends object>(changes: T) => Object.keys(changes).length > 0;

export function gatheringCommands(of: GatheringKind): fc.WeightedArbitrary<Command>[] {
  const unitCode = fc.constantFrom(...GATHERING_UNITS[of]);
  const category = fc.constantFrom(...CATEGORIES[of]);
  const manuals = of === 'training' ? fc.integer({ min: 0, max: 60 }) : fc.constant(undefined);
  return [
    {
      weight: 3,
      arbitrary: fc
        .record({ by: officer, unitCode, heldOn: day, category, counts, manuals })
        .map(({ manuals: m, ...rest }) => ({
          kind: 'gathering.record' as const,
          of,
          ...rest,
          ...(m === undefined ? {} : { manuals: m }),
        })),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('gathering.correct' as const),
        of: fc.constant(of),
        by: officer,
        target,
        changes: fc
          .record(
            {
              unitCode,
              heldOn: day,
              category,
              total: fc.integer({ min: 0, max: 150 }),
              women: fc.integer({ min: 0, max: 100 }),
              ...(of === 'training' ? { manuals: fc.integer({ min: 0, max: 60 }) } : {}),
            },
            { requiredKeys: [] },
          )
          .filter(nonEmpty),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('gathering.void' as const),
        of: fc.constant(of),
        by: officer,
        target,
      }),
    },
  ];
}

export const commune = fc.constantFrom(...COMMUNES);
export const command: fc.Arbitrary<Command> = fc.oneof(
  ...gatheringCommands('dialogue'),
  ...gatheringCommands('training'),
  ...gatheringCommands('communication'),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('club.establish' as const),
      by: officer,
      unitCode: commune,
      on: day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record(
        {
          kind: fc.constant('club.correct' as const),
          by: officer,
          target,
          unitCode: commune,
          shift: fc.integer({ min: -60, max: 200 }),
        },
        { requiredKeys: ['kind', 'by', 'target'] },
      )
      .filter((c) => c.unitCode !== undefined || c.shift !== undefined),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('club.dissolve' as const),
      by: officer,
      target,
      shift,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('club.void' as const), by: officer, target }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('member.enrol' as const),
      by: officer,
      target,
      shift,
      age: fc.integer({ min: 3, max: 19 }),
      sex: fc.constantFrom(...SEXES),
      // Mostly given; from age 7 its absence is a refusal.
      childConsent: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('member.correct' as const),
      by: officer,
      target,
      member: target,
      sex: fc.constantFrom(...SEXES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('member.withdraw' as const),
      by: officer,
      target,
      member: target,
      shift,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('member.void' as const),
      by: officer,
      target,
      member: target,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('loan.introduce' as const),
      by: officer,
      unitCode: commune,
      on: day,
      lender: fc.constantFrom(...LENDERS),
      purpose: fc.constantFrom(...PURPOSES),
      millions: fc.integer({ min: 5, max: 200 }),
      sex: fc.constantFrom(...SEXES),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('loan.decide' as const),
      by: officer,
      target,
      approve: fc.integer({ min: 0, max: 3 }).map((n) => n < 3),
      shift,
      permille: fc.integer({ min: 300, max: 1100 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('loan.disburse' as const),
      by: officer,
      target,
      shift,
      permille: fc.oneof(fc.constant(1000), fc.integer({ min: 150, max: 1400 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('loan.repay' as const), by: officer, target, shift }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('loan.correct' as const),
      by: officer,
      target,
      changes: fc
        .record(
          {
            unitCode: commune,
            lender: fc.constantFrom(...LENDERS),
            sex: fc.constantFrom(...SEXES),
            shift: fc.integer({ min: -60, max: 120 }),
            millions: fc.integer({ min: 5, max: 200 }),
          },
          { requiredKeys: [] },
        )
        .filter(nonEmpty),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('loan.void' as const), by: officer, target }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('address.establish' as const),
      by: anyActor,
      unitCode: commune,
      on: day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('address.close' as const),
      by: anyActor,
      target,
      shift,
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record(
        {
          kind: fc.constant('address.correct' as const),
          by: anyActor,
          target,
          unitCode: commune,
          shift: fc.integer({ min: -60, max: 200 }),
        },
        { requiredKeys: ['kind', 'by', 'target'] },
      )
      .filter((c) => c.unitCode !== undefined || c.shift !== undefined),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('address.void' as const), by: anyActor, target }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('case.open' as const),
      by: fc.constantFrom<Actor>(
        'caseProvince',
        'caseProvince',
        'caseProvince',
        'case170',
        'province',
      ),
      target,
      shift,
      violenceType: fc.constantFrom(...VIOLENCE_TYPES),
      sex: fc.constantFrom(...SEXES),
      ageBand: fc.constantFrom(...AGE_BANDS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('case.refer' as const),
      by: caseWorker,
      target,
      shift,
      to: fc.constantFrom(...REFERRAL_TARGETS),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('case.close' as const),
      by: caseWorker,
      target,
      shift,
      outcome: fc.constantFrom(...OUTCOMES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record(
        {
          kind: fc.constant('case.correct' as const),
          by: caseWorker,
          target,
          violenceType: fc.constantFrom(...VIOLENCE_TYPES),
          shift: fc.integer({ min: -60, max: 90 }),
        },
        { requiredKeys: ['kind', 'by', 'target'] },
      )
      .filter((c) => c.violenceType !== undefined || c.shift !== undefined),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('case.void' as const), by: caseWorker, target }),
  },
);
