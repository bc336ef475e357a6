import { EXPORT_ROW_LIMIT } from '@liangdian/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { label, sheet, sheetToXlsx } from './sheet';

interface Row {
  no: string;
  at: string;
  outlet: string;
  count: number;
  share: number;
  text: string;
}

const rowsSheet = sheet<Row>({
  title: label('台账', 'Register'),
  columns: [
    { header: label('编号', 'No.'), value: (r) => r.no },
    { header: label('时间', 'Time'), value: (r) => r.at, kind: 'datetime' },
    { header: label('网点', 'Outlet'), value: (r) => r.outlet },
    { header: label('件数', 'Count'), value: (r) => r.count, kind: 'int' },
    { header: label('占比', 'Share'), value: (r) => r.share, kind: 'percent' },
    { header: label('内容', 'Text'), value: (r) => r.text, width: 40 },
  ],
});

describe('an export at the row limit', () => {
  it('writes EXPORT_ROW_LIMIT rows holding the file, not a model of every cell', {
    timeout: 120_000,
  }, async () => {
    let heapAtStart = 0;
    let heapGrowth = 0;
    function* rows(): Generator<Row> {
      for (let i = 0; i < EXPORT_ROW_LIMIT; i++) {
        if (i === 1_000) heapAtStart = process.memoryUsage().heapUsed;
        if (i === EXPORT_ROW_LIMIT - 1) heapGrowth = process.memoryUsage().heapUsed - heapAtStart;
        yield {
          no: `TS2026110200${String(i).padStart(5, '0')}`,
          at: new Date(Date.UTC(2026, 10, 2, 0, 0, i % 86_400)).toISOString(),
          outlet: `网点${i % 200}`,
          count: i,
          share: (i % 100) / 100,
          text: '柜员态度生硬，要求道歉；客户办理借记卡挂失时等候过久',
        };
      }
    }
    const buf = await sheetToXlsx(rowsSheet, rows(), { locale: 'zh-CN', exportedAt: new Date() });
    // The in-memory workbook grew by ~2 KB a row here (≈190 MB at the limit); streamed, ~0.
    expect(heapGrowth).toBeLessThan(64 * 1_048_576);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3 + EXPORT_ROW_LIMIT);
    expect(ws.getRow(3).values).toEqual([undefined, '编号', '时间', '网点', '件数', '占比', '内容']);
    const last = ws.getRow(3 + EXPORT_ROW_LIMIT);
    expect(last.getCell(1).value).toBe(`TS2026110200${EXPORT_ROW_LIMIT - 1}`);
    expect(last.getCell(4).numFmt).toBe('#,##0');
    expect(last.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
  });
});
