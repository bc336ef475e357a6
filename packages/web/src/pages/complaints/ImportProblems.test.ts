import { describe, expect, it } from 'vitest';
import { formatBytes } from './AttachmentSize';
import { importProblems } from './ImportProblems';

const label = (k: string) => `<${k}>`;

describe('importProblems', () => {
  it.each([
    {
      what: 'reads the row number and column of every bad row',
      detail: '',
      errors: [
        { field: 'rows.3.cause', message: '代码不存在' },
        { field: 'rows.12.claim', message: '必填' },
      ],
      expected: [
        [3, '<cause>', '代码不存在'],
        [12, '<claim>', '必填'],
      ],
    },
    {
      what: 'reports missing columns and sheet-wide problems without a row',
      detail: '文件格式不正确',
      errors: [
        { field: 'columns.claim', message: '必填' },
        { field: 'body', message: '' },
      ],
      expected: [
        [null, '<claim>', 'missing'],
        [null, '—', '文件格式不正确'],
      ],
    },
  ])('$what', ({ detail, errors, expected }) => {
    const problems = importProblems({ detail, errors }, label, 'missing');
    expect(problems.map(({ row, column, message }) => [row, column, message])).toEqual(expected);
  });
});

describe('formatBytes', () => {
  const zh = new Intl.NumberFormat('zh-CN').format;
  const de = new Intl.NumberFormat('de-DE').format;
  it('uses bytes, KB and MB with one decimal in the locale format', () => {
    expect(formatBytes(812, zh)).toBe('812 B');
    expect(formatBytes(3252, zh)).toBe('3.2 KB');
    expect(formatBytes(10 * 1_048_576, zh)).toBe('10 MB');
    expect(formatBytes(1536, de)).toBe('1,5 KB');
  });
});
