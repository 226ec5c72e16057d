import type { IndicatorsAnswer } from '../indicators/get-indicators.query';
import { REPORT_COLUMNS, reportCells, reportHeading, reportLines } from './report-table';

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a BOM so that Excel reads the Vietnamese text as UTF-8. */
export function indicatorCsv(answer: IndicatorsAnswer): string {
  const heading = reportHeading(answer).map((line) => `# ${line}`);
  const header = REPORT_COLUMNS.map((c) => csvCell(c.header)).join(',');
  const lines = reportLines(answer).map((line) => {
    const cells = reportCells(line);
    return REPORT_COLUMNS.map((c) => csvCell(cells[c.key])).join(',');
  });
  return `\uFEFF${[...heading, header, ...lines].join('\r\n')}\r\n`;
}
