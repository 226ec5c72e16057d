import type { IndicatorsAnswer } from '../indicators/get-indicators.query';
import type { PublishedRow } from '../indicators/small-cells';

/** One line of a report: an indicator for one unit. */
export interface ReportLine {
  readonly unitCode: string;
  readonly unitName: string;
  readonly row: PublishedRow & { readonly approved?: boolean };
}

/** The columns of the indicator report, headed in Vietnamese with the English beside. */
export const REPORT_COLUMNS = [
  { key: 'unitCode', header: 'Mã đơn vị (unit code)' },
  { key: 'unitName', header: 'Tên đơn vị (unit)' },
  { key: 'indicator', header: 'Mã chỉ tiêu (indicator)' },
  { key: 'labelVi', header: 'Chỉ tiêu' },
  { key: 'labelEn', header: 'Indicator' },
  { key: 'counts', header: 'Đơn vị tính (counts)' },
  { key: 'value', header: 'Kết quả (value)' },
  { key: 'target', header: 'Mục tiêu (target)' },
  { key: 'achieved', header: 'Tỷ lệ đạt (achieved)' },
  { key: 'status', header: 'Ghi chú (status)' },
] as const;

export type ReportCells = Record<(typeof REPORT_COLUMNS)[number]['key'], string | number | null>;

/** The unit asked for first, then its children when the report was asked by children. */
export function reportLines(answer: IndicatorsAnswer): ReportLine[] {
  const own = answer.rows.map((row) => ({
    unitCode: answer.unit,
    unitName: answer.unitName ?? answer.unit,
    row: { ...row, approved: answer.approval !== undefined },
  }));
  const children = (answer.children ?? []).flatMap((child) =>
    child.rows.map((row) => ({ unitCode: child.unit, unitName: child.name, row: { ...row, approved: child.approval !== undefined } })),
  );
  return [...own, ...children];
}

/** A line as report cells; suppressed and approved figures are marked in words. */
export function reportCells(line: ReportLine): ReportCells {
  const { row } = line;
  const notes = [
    row.suppressed ? 'ẩn do số nhỏ (suppressed: small cell)' : undefined,
    row.approved ? 'đã phê duyệt (approved)' : undefined,
  ].filter(Boolean);
  return {
    unitCode: line.unitCode,
    unitName: line.unitName,
    indicator: row.indicator,
    labelVi: row.label.vi,
    labelEn: row.label.en,
    counts: row.counts,
    value: row.suppressed ? null : row.value,
    target: row.target ?? null,
    achieved: row.achieved ?? null,
    status: notes.join('; '),
  };
}

/** The report's heading lines: what, where, which period, as of when. */
export function reportHeading(answer: IndicatorsAnswer): string[] {
  return [
    'BÁO CÁO KẾT QUẢ THỰC HIỆN DỰ ÁN 8 — Project 8 indicator report',
    `Đơn vị (unit): ${answer.unitName ?? ''} (${answer.unit})`,
    `Kỳ báo cáo (period): ${answer.from ?? '…'} → ${answer.to ?? '…'}`,
    `Số liệu tính đến (as of): ${answer.asOf} — vị trí sổ cái (log position) ${answer.position}`,
    answer.approval
      ? `Đã phê duyệt (approved): ${answer.approval.periodFrom} → ${answer.approval.periodTo}, ${answer.approval.approvedBy}, ${answer.approval.approvedAt}`
      : 'Chưa phê duyệt (not approved)',
  ];
}
