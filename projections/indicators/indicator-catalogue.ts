/**
 * Project 8's indicators: what each counts, how, and along which dimensions it breaks
 * down. A flow counts what happened inside the window by its own date; a stock counts
 * what stood at the end of the window.
 */
export interface IndicatorDefinition {
  readonly code: string;
  readonly label: { readonly vi: string; readonly en: string };
  readonly kind: 'flow' | 'stock';
  /** What one unit of the value is. */
  readonly counts: 'records' | 'people' | 'attendances' | 'vnd' | 'copies';
  readonly description: string;
  readonly breakdowns: readonly string[];
  /**
   * The breakdown whose categories every record splits its value into, so that they add up
   * to the total: the total is their sum and no fact of its own (a dialogue's participants
   * are its women and its men). About two facts in five were such totals. Tables of facts
   * version 5 and earlier, served while a new version rebuilds, still hold a total fact,
   * which then wins.
   */
  readonly totalOf?: string;
  /** Aggregates about violence cases hide small cells. */
  readonly sensitive?: boolean;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'dialogues.held',
    label: { vi: 'Số cuộc đối thoại chính sách đã tổ chức', en: 'Policy dialogues held' },
    kind: 'flow',
    counts: 'records',
    description: 'Policy dialogues at commune or village-cluster level held in the window (voided ones excluded).',
    breakdowns: ['level'],
    totalOf: 'level',
  },
  {
    code: 'dialogues.participants',
    label: { vi: 'Số lượt người tham gia đối thoại', en: 'Dialogue participants (attendances)' },
    kind: 'flow',
    counts: 'attendances',
    description: 'Participants of the dialogues held in the window; one person at two dialogues counts twice.',
    breakdowns: ['sex'],
    totalOf: 'sex',
  },
  {
    code: 'clubs.active',
    label: { vi: 'Số CLB "Thủ lĩnh của sự thay đổi" đang hoạt động', en: '"Leaders of Change" clubs active' },
    kind: 'stock',
    counts: 'records',
    description: 'Clubs established on or before the end of the window and not dissolved by then.',
    breakdowns: [],
  },
  {
    code: 'clubs.members',
    label: { vi: 'Số trẻ em là thành viên CLB', en: 'Children who are club members' },
    kind: 'stock',
    counts: 'people',
    description: 'Distinct children enrolled in an active club at the end of the window.',
    breakdowns: ['sex'],
    totalOf: 'sex',
  },
  {
    code: 'loans.introduced',
    label: { vi: 'Số khoản vay được giới thiệu tới ngân hàng', en: 'Loans introduced to banks' },
    kind: 'flow',
    counts: 'records',
    description: 'Loan applications introduced under the Union\'s credit guarantee in the window, approved or not.',
    breakdowns: ['lender', 'sex'],
  },
  {
    code: 'loans.disbursed_amount',
    label: { vi: 'Số tiền vay đã giải ngân (đồng)', en: 'Loan amount disbursed (VND)' },
    kind: 'flow',
    counts: 'vnd',
    description: 'Amounts disbursed in the window, by disbursement date.',
    breakdowns: ['lender'],
  },
  {
    code: 'trusted_addresses.active',
    label: { vi: 'Số "Địa chỉ tin cậy tại cộng đồng" đang hoạt động', en: 'Trusted addresses active' },
    kind: 'stock',
    counts: 'records',
    description: 'Trusted addresses established on or before the end of the window and not closed by then.',
    breakdowns: [],
  },
  {
    code: 'cases.opened',
    label: { vi: 'Số vụ việc được tiếp nhận', en: 'Cases opened' },
    kind: 'flow',
    counts: 'records',
    description: 'Cases of violence or abuse opened at a trusted address in the window.',
    breakdowns: ['violenceType'],
    sensitive: true,
  },
  {
    code: 'cases.closed',
    label: { vi: 'Số vụ việc đã kết thúc', en: 'Cases closed' },
    kind: 'flow',
    counts: 'records',
    description: 'Cases closed in the window, by closure date.',
    breakdowns: ['outcome'],
    sensitive: true,
  },
  {
    code: 'trainings.classes',
    label: { vi: 'Số lớp tập huấn', en: 'Training classes held' },
    kind: 'flow',
    counts: 'records',
    description: 'Training classes held in the window.',
    breakdowns: ['topic'],
    totalOf: 'topic',
  },
  {
    code: 'trainings.participant_times',
    label: { vi: 'Số lượt người tham gia tập huấn', en: 'Training participant-times' },
    kind: 'flow',
    counts: 'attendances',
    description: 'Attendances at training classes in the window (lượt người): one person at two classes counts twice.',
    breakdowns: ['sex'],
    totalOf: 'sex',
  },
  {
    code: 'trainings.manuals_distributed',
    label: { vi: 'Số tài liệu tập huấn đã phát', en: 'Training manuals distributed' },
    kind: 'flow',
    counts: 'copies',
    description: 'Copies of training manuals handed out at classes held in the window.',
    breakdowns: [],
  },
  {
    code: 'communications.events',
    label: { vi: 'Số cuộc truyền thông', en: 'Communication events' },
    kind: 'flow',
    counts: 'records',
    description: 'Communication events held in the window.',
    breakdowns: ['form'],
    totalOf: 'form',
  },
];

/**
 * An indicator's total from its breakdowns, when a table holds no total fact for it: the sum
 * of the categories of its `totalOf` breakdown (0 when none counted).
 */
export function totalFromBreakdown(
  indicator: string,
  breakdown: Readonly<Record<string, Readonly<Record<string, number>>>>,
): number | undefined {
  const dimension = INDICATOR_BY_CODE.get(indicator)?.totalOf;
  if (dimension === undefined) return undefined;
  let total = 0;
  for (const value of Object.values(breakdown[dimension] ?? {})) total += value;
  return total;
}

export const INDICATOR_BY_CODE: ReadonlyMap<string, IndicatorDefinition> = new Map(
  INDICATORS.map((i) => [i.code, i]),
);
