/**
 * An independent model of what Project 8's recorded activities mean for the indicators:
 * the entities the accepted commands made, and every indicator counted from them by the
 * contract's rules (flows by their own date inside the window, stocks at its end, voided
 * records counting nothing), with the contract's reading of suppressed case figures.
 */

/** Communes of Võ Nhai (170) and Phú Bình (173), in Thái Nguyên (19), before the 2025 reform. */
export const DISTRICT_OF: Readonly<Record<string, string>> = {
  '05752': '170',
  '05722': '170',
  '05911': '173',
  '05917': '173',
};
export const PROVINCE = '19';
export const COMMUNES = Object.keys(DISTRICT_OF);
export const UNITS = [...COMMUNES, '170', '173', PROVINCE];
export const FIRST_DAY = '2022-01-01';
export const LAST_DAY = '2024-12-31';
/** The end of an open window: stocks then count what stands now. */
export const OPEN_END = '9999-12-31';

export const LEVELS = ['commune', 'village_cluster'] as const;
export const TOPICS = [
  'gender_mainstreaming',
  'policy_dialogue',
  'trusted_address',
  'leaders_of_change',
  'women_leadership',
  'other',
] as const;
export const FORMS = ['meeting', 'contest', 'performance', 'media', 'home_visit', 'other'] as const;
export const SEXES = ['female', 'male'] as const;
export const LENDERS = ['vbsp', 'agribank', 'other'] as const;
export const PURPOSES = ['livestock', 'crops', 'handicraft', 'trade', 'services', 'other'] as const;
export const VIOLENCE_TYPES = [
  'physical',
  'sexual',
  'psychological',
  'economic',
  'neglect',
  'other',
] as const;
export const AGE_BANDS = ['0-5', '6-11', '12-15', '16-17', '18-29', '30-59', '60+'] as const;
export const REFERRAL_TARGETS = [
  'police',
  'health',
  'legal_aid',
  'social_protection',
  'justice',
  'other',
] as const;
export const OUTCOMES = ['resolved', 'referred_on', 'withdrawn', 'other'] as const;

/** Each indicator of the contract with the dimensions its breakdown must hold. */
export const DIMENSIONS: Readonly<Record<string, readonly string[]>> = {
  'dialogues.held': ['level'],
  'dialogues.participants': ['sex'],
  'clubs.active': [],
  'clubs.members': ['sex'],
  'loans.introduced': ['lender', 'sex'],
  'loans.disbursed_amount': ['lender'],
  'trusted_addresses.active': [],
  'cases.opened': ['violenceType'],
  'cases.closed': ['outcome'],
  'trainings.classes': ['topic'],
  'trainings.participant_times': ['sex'],
  'trainings.manuals_distributed': [],
  'communications.events': ['form'],
};
export const CASE_INDICATORS = ['cases.opened', 'cases.closed'];
/** The largest count a case figure hides. */
export const SMALL_CELL_MAX = 4;

export type Officer = 'province' | 'district170';
export type CaseWorker = 'caseProvince' | 'case170';
export type Actor = Officer | CaseWorker;
export const SCOPE: Readonly<Record<Actor, string>> = {
  province: PROVINCE,
  district170: '170',
  caseProvince: PROVINCE,
  case170: '170',
};
export const covers = (actor: Actor, unit: string): boolean =>
  SCOPE[actor] === PROVINCE || unit === SCOPE[actor] || DISTRICT_OF[unit] === SCOPE[actor];

// --- Dates -------------------------------------------------------------------------------

export const DAY_MS = 86_400_000;
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** `days` after `date`, kept inside 2022–2024. */
export function shifted(date: string, days: number): string {
  const moved = dateOf(dayNumber(date) + days);
  return moved < FIRST_DAY ? FIRST_DAY : moved > LAST_DAY ? LAST_DAY : moved;
}
export const latest = (dates: readonly string[]): string | undefined =>
  dates.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
export const earliest = (dates: readonly (string | undefined)[]): string | undefined =>
  dates.reduce<string | undefined>(
    (a, b) => (b === undefined ? a : a === undefined || b < a ? b : a),
    undefined,
  );

// --- The model -----------------------------------------------------------------------------

/** Dialogues, training classes and communication events: one gathering of people. */
export type GatheringKind = 'dialogue' | 'training' | 'communication';
export interface Gathering {
  readonly unitCode: string;
  readonly heldOn: string;
  /** Level of a dialogue, topic of a class, form of a communication event. */
  readonly category: string;
  readonly total: number;
  readonly women: number;
  readonly manuals?: number;
  readonly voided: boolean;
}
export interface Member {
  readonly sex: string;
  readonly enrolledOn: string;
  readonly withdrawnOn?: string;
  readonly voided: boolean;
}
export interface Club {
  readonly unitCode: string;
  readonly establishedOn: string;
  readonly dissolvedOn?: string;
  readonly voided: boolean;
  readonly members: ReadonlyMap<string, Member>;
}
export interface Loan {
  readonly unitCode: string;
  readonly lender: string;
  readonly sex: string;
  readonly introducedOn: string;
  readonly amountRequested: number;
  readonly decision?:
    | { readonly approved: true; readonly on: string; readonly amount: number }
    | { readonly approved: false; readonly on: string };
  readonly disbursements: readonly { readonly on: string; readonly amount: number }[];
  readonly repaidOn?: string;
  readonly voided: boolean;
}
export interface Address {
  readonly unitCode: string;
  readonly establishedOn: string;
  readonly closedOn?: string;
  readonly voided: boolean;
}
export interface Case {
  readonly addressId: string;
  /**
   * The commune of its address when it was opened, as the ledger files it: a later
   * correction of the address's commune does not move its cases.
   */
  readonly unitCode: string;
  readonly openedOn: string;
  readonly violenceType: string;
  readonly referredOn: readonly string[];
  readonly closure?: { readonly on: string; readonly outcome: string };
  readonly voided: boolean;
}
export interface Model {
  readonly gatherings: Record<GatheringKind, Map<string, Gathering>>;
  readonly clubs: Map<string, Club>;
  readonly loans: Map<string, Loan>;
  readonly addresses: Map<string, Address>;
  readonly cases: Map<string, Case>;
}
export const emptyModel = (): Model => ({
  gatherings: { dialogue: new Map(), training: new Map(), communication: new Map() },
  clubs: new Map(),
  loans: new Map(),
  addresses: new Map(),
  cases: new Map(),
});

/** A change of one entity the model keeps, by id, so that it replays onto any model. */
export type Change = (m: Model) => void;
export const update =
  <T>(map: (m: Model) => Map<string, T>, id: string, change: (before: T) => T): Change =>
  (m) => {
    const before = map(m).get(id);
    if (before !== undefined) map(m).set(id, change(before));
  };
export const withMember = (clubId: string, memberId: string, change: (before: Member) => Member) =>
  update(
    (m) => m.clubs,
    clubId,
    (club) => {
      const member = club.members.get(memberId);
      return member
        ? { ...club, members: new Map(club.members).set(memberId, change(member)) }
        : club;
    },
  );

// --- Counting from the model -----------------------------------------------------------------

export interface Figure {
  value: number;
  breakdown: Record<string, Record<string, number>>;
}

/** Every indicator for a unit and window, counted from the model, breakdown cells above 0 only. */
export function countIndicators(
  m: Model,
  unit: string,
  from: string | undefined,
  to: string | undefined,
) {
  const figures = new Map<string, Figure>(
    Object.keys(DIMENSIONS).map((code) => [code, { value: 0, breakdown: {} }]),
  );
  const add = (code: string, value: number, cells: Readonly<Record<string, string>> = {}) => {
    const figure = figures.get(code) as Figure;
    figure.value += value;
    for (const [dimension, category] of Object.entries(cells)) {
      if (value === 0) continue;
      const row = (figure.breakdown[dimension] ??= {});
      row[category] = (row[category] ?? 0) + value;
    }
  };
  const within = (unitCode: string) =>
    unit === PROVINCE || unitCode === unit || DISTRICT_OF[unitCode] === unit;
  const inWindow = (date: string) =>
    (from === undefined || date >= from) && (to === undefined || date <= to);
  const end = to ?? OPEN_END;
  /** A stock: standing at the end of the window, from its start until the day it ended. */
  const stands = (start: string, ended: string | undefined) =>
    start <= end && (ended === undefined || ended > end);

  for (const [kind, gatherings] of Object.entries(m.gatherings) as [
    GatheringKind,
    Map<string, Gathering>,
  ][]) {
    for (const g of gatherings.values()) {
      if (g.voided || !within(g.unitCode) || !inWindow(g.heldOn)) continue;
      const women = g.women;
      const men = g.total - g.women;
      if (kind === 'dialogue') {
        add('dialogues.held', 1, { level: g.category });
        add('dialogues.participants', women, { sex: 'female' });
        add('dialogues.participants', men, { sex: 'male' });
      } else if (kind === 'training') {
        add('trainings.classes', 1, { topic: g.category });
        add('trainings.participant_times', women, { sex: 'female' });
        add('trainings.participant_times', men, { sex: 'male' });
        add('trainings.manuals_distributed', g.manuals ?? 0);
      } else {
        add('communications.events', 1, { form: g.category });
      }
    }
  }
  for (const club of m.clubs.values()) {
    if (club.voided || !within(club.unitCode)) continue;
    if (stands(club.establishedOn, club.dissolvedOn)) add('clubs.active', 1);
    for (const member of club.members.values()) {
      if (member.voided) continue;
      // A member leaves with a withdrawal or with the club's dissolution, whichever comes first.
      if (stands(member.enrolledOn, earliest([member.withdrawnOn, club.dissolvedOn]))) {
        add('clubs.members', 1, { sex: member.sex });
      }
    }
  }
  for (const loan of m.loans.values()) {
    if (loan.voided || !within(loan.unitCode)) continue;
    // Approved or not, rejected too.
    if (inWindow(loan.introducedOn))
      add('loans.introduced', 1, { lender: loan.lender, sex: loan.sex });
    for (const d of loan.disbursements) {
      if (inWindow(d.on)) add('loans.disbursed_amount', d.amount, { lender: loan.lender });
    }
  }
  for (const address of m.addresses.values()) {
    if (
      !address.voided &&
      within(address.unitCode) &&
      stands(address.establishedOn, address.closedOn)
    ) {
      add('trusted_addresses.active', 1);
    }
  }
  for (const file of m.cases.values()) {
    if (file.voided || !within(file.unitCode)) continue;
    if (inWindow(file.openedOn)) add('cases.opened', 1, { violenceType: file.violenceType });
    if (file.closure && inWindow(file.closure.on))
      add('cases.closed', 1, { outcome: file.closure.outcome });
  }
  return figures;
}

/** Every business date the model holds: where flows start and stocks turn. */
export function datesOf(m: Model): string[] {
  const dates = new Set<string>();
  const add = (...found: (string | undefined)[]) =>
    found.forEach((d) => d !== undefined && dates.add(d));
  for (const gatherings of Object.values(m.gatherings))
    for (const g of gatherings.values()) add(g.heldOn);
  for (const club of m.clubs.values()) {
    add(club.establishedOn, club.dissolvedOn);
    for (const member of club.members.values()) add(member.enrolledOn, member.withdrawnOn);
  }
  for (const loan of m.loans.values()) {
    add(
      loan.introducedOn,
      loan.decision?.on,
      loan.repaidOn,
      ...loan.disbursements.map((d) => d.on),
    );
  }
  for (const address of m.addresses.values()) add(address.establishedOn, address.closedOn);
  for (const file of m.cases.values()) add(file.openedOn, file.closure?.on, ...file.referredOn);
  return [...dates].sort();
}

// --- Reading published case figures ---------------------------------------------------------

export interface Row {
  readonly indicator: string;
  readonly value: number | null;
  readonly suppressed?: boolean;
  readonly breakdown?: Record<string, Record<string, number | null>>;
}

export const isSmall = (n: number) => n >= 1 && n <= SMALL_CELL_MAX;

/**
 * What is wrong with a published case figure, by the contract: a count from 1 to 4 reads
 * null and suppressed, any other the exact count. In a breakdown every small cell reads
 * null, and every cell when the total is hidden; a larger cell may be hidden only to
 * protect a small one, and no hidden cell may be worked out from the total and the cells
 * shown. A reader knows a category appears only when it holds at least one case, so one
 * hidden cell alone, or hidden cells whose sum is their number (all 1), give them away.
 */
export function suppressionProblems(
  row: Row | undefined,
  want: Figure,
  dimensions: readonly string[],
): string[] {
  if (!row) return ['no row'];
  const problems: string[] = [];
  // A breakdown whose small cells cannot be protected by its other cells (every hidden cell
  // being at least 1, k of them adding up to S leave each at most S - k + 1) hides the total.
  const unprotectable = dimensions.some((dimension) => {
    const cells = Object.values(want.breakdown[dimension] ?? {}).filter((n) => n > 0);
    return cells.some(isSmall) && (cells.length < 2 || want.value - cells.length + 1 <= SMALL_CELL_MAX);
  });
  const hidden = isSmall(want.value) || unprotectable;
  const valueRight = hidden
    ? row.value === null && row.suppressed === true
    : row.value === want.value && row.suppressed === undefined;
  if (!valueRight) {
    problems.push(
      `value ${String(row.value)}${row.suppressed ? ' suppressed' : ''}, want ${hidden ? 'null suppressed' : want.value}`,
    );
  }
  const shownDimensions = Object.keys(row.breakdown ?? {}).sort();
  if (JSON.stringify(shownDimensions) !== JSON.stringify([...dimensions].sort())) {
    problems.push(`dimensions ${shownDimensions.join(',')}, want ${dimensions.join(',')}`);
  }
  for (const dimension of dimensions) {
    const cells = row.breakdown?.[dimension] ?? {};
    const counted = want.breakdown[dimension] ?? {};
    const say = (problem: string) =>
      problems.push(
        `${dimension}: ${problem} (counted ${JSON.stringify(counted)}, shown ${JSON.stringify(cells)})`,
      );
    const categories = Object.keys(counted).sort();
    if (JSON.stringify(Object.keys(cells).sort()) !== JSON.stringify(categories)) {
      say('other categories');
      continue;
    }
    const mustHide = categories.filter((k) => hidden || isSmall(counted[k] ?? 0));
    const shownSmall = mustHide.filter((k) => cells[k] !== null);
    if (shownSmall.length > 0) say(`${shownSmall.join(',')} shown`);
    if (hidden) continue;
    const wrong = categories.filter((k) => cells[k] !== null && cells[k] !== counted[k]);
    if (wrong.length > 0) say(`${wrong.join(',')} wrong`);
    const nulls = categories.filter((k) => cells[k] === null);
    if (mustHide.length === 0 && nulls.length > 0)
      say(`${nulls.join(',')} hidden with no small cell to protect`);
    const hiddenSum =
      want.value -
      categories.filter((k) => cells[k] !== null).reduce((sum, k) => sum + (counted[k] ?? 0), 0);
    if (nulls.length === 1 || (nulls.length > 1 && hiddenSum === nulls.length)) {
      say(`the hidden cells can be worked out: ${nulls.length} hidden, ${hiddenSum} between them`);
    }
  }
  return problems;
}
