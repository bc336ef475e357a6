import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, parseCsv } from './csv';

const all = (text: string, d?: string) => [...parseCsv(text, d)];

describe('parseCsv', () => {
  it('reads plain records with their line numbers', () => {
    expect(all('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines inside them', () => {
    const recs = all('h1,h2\r\n"x, y","say ""hi"""\r\n"two\r\nlines",z\r\nlast,1');
    expect(recs).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'z'] },
      { line: 5, fields: ['last', '1'] },
    ]);
  });

  it('handles CRLF, LF and lone CR line ends, a BOM, empty fields and blank lines', () => {
    expect(all('\ufeffa,b\r\n\r\n,\n1,\r2,3')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['', ''] },
      { line: 4, fields: ['1', ''] },
      { line: 5, fields: ['2', '3'] },
    ]);
    expect(all('a,')).toEqual([{ line: 1, fields: ['a', ''] }]);
    expect(all('')).toEqual([]);
  });

  it('marks broken records and goes on with the next line', () => {
    const recs = all('a,b\n"x"y,2\nq"uote,3\nok,4\n"open,5\nnever closed');
    expect(recs[1]).toEqual({ line: 2, fields: ['xy', '2'], problem: 'CSV_STRAY_QUOTE' });
    expect(recs[2]).toEqual({ line: 3, fields: ['q"uote', '3'], problem: 'CSV_STRAY_QUOTE' });
    expect(recs[3]).toEqual({ line: 4, fields: ['ok', '4'] });
    expect(recs[4]).toEqual({ line: 5, fields: ['open,5\nnever closed'], problem: 'CSV_UNTERMINATED_QUOTE' });
  });

  it('takes other delimiters and detects them from the first line', () => {
    expect(all('a;b\n"1;2";3', ';')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1;2', '3'] },
    ]);
    expect(detectDelimiter('票号;业务;时间\n1,2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(detectDelimiter('single\n')).toBe(',');
  });

  it('streams 100,000 records, each with its line number', () => {
    const text = `t,b,k,at\n${'A001,cash,issued,2026-10-05 09:15:04\n'.repeat(100_000)}`;
    let n = 0;
    let last = 0;
    for (const r of parseCsv(text)) {
      n++;
      last = r.line;
    }
    expect(n).toBe(100_001);
    expect(last).toBe(100_001);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 (with or without a BOM) and GBK, and refuses what is neither', () => {
    expect(decodeText(Buffer.from('票号,业务', 'utf-8'))).toEqual({ text: '票号,业务', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('\ufeffa', 'utf-8'))?.text).toBe('a');
    // 票号 in GBK
    const gbk = Buffer.from([0xc6, 0xb1, 0xba, 0xc5]);
    expect(decodeText(gbk)).toEqual({ text: '票号', encoding: 'gb18030' });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0xff, 0xff]))).toBeNull();
  });
});
