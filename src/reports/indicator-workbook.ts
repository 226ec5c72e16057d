import type ExcelJS from 'exceljs';
import type { IndicatorsAnswer } from '../indicators/get-indicators.query';
import { REPORT_COLUMNS, reportCells, reportHeading, reportLines } from './report-table';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** The indicator report as an Excel workbook laid out like the report sent upward. */
export async function indicatorWorkbook(answer: IndicatorsAnswer): Promise<Buffer> {
  // Loaded on the first download: ExcelJS is large, and the service starts faster without it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'P8 Ledger';
  workbook.created = new Date(answer.asOf);
  const sheet = workbook.addWorksheet('Chỉ tiêu Dự án 8', { views: [{ state: 'frozen', ySplit: 6 }] });
  const heading = reportHeading(answer);
  heading.forEach((text, index) => {
    const row = sheet.getRow(index + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = index === 0 ? { bold: true, size: 14 } : { italic: true };
  });
  const headerRow = sheet.getRow(heading.length + 2);
  REPORT_COLUMNS.forEach((column, index) => {
    const cell = headerRow.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  for (const line of reportLines(answer)) {
    const cells = reportCells(line);
    const row = sheet.addRow(REPORT_COLUMNS.map((c) => cells[c.key]));
    if (line.unitCode === answer.unit) row.font = { bold: true };
    row.getCell(REPORT_COLUMNS.findIndex((c) => c.key === 'achieved') + 1).numFmt = '0.0%';
    row.getCell(REPORT_COLUMNS.findIndex((c) => c.key === 'value') + 1).numFmt = '#,##0';
  }
  [10, 28, 30, 42, 36, 14, 14, 14, 12, 30].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  addBreakdownSheet(workbook, answer);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addBreakdownSheet(workbook: ExcelJS.Workbook, answer: IndicatorsAnswer): void {
  const sheet = workbook.addWorksheet('Phân tổ (breakdowns)');
  sheet.addRow(['Mã đơn vị (unit code)', 'Tên đơn vị (unit)', 'Mã chỉ tiêu (indicator)', 'Phân tổ (dimension)', 'Nhóm (category)', 'Giá trị (value)']).font = { bold: true };
  for (const line of reportLines(answer)) {
    for (const [dimension, cells] of Object.entries(line.row.breakdown ?? {})) {
      for (const [category, value] of Object.entries(cells)) {
        sheet.addRow([line.unitCode, line.unitName, line.row.indicator, dimension, category, value]);
      }
    }
  }
  [10, 28, 30, 18, 18, 14].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
}
