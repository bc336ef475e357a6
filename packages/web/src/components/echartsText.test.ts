import { describe, expect, it } from 'vitest';
import { escapeHtml, tooltipLines } from './echartsText';

describe('chart tooltips keep user data as text', () => {
  it('escapes what HTML would read as markup', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    );
    expect(escapeHtml("Tom & Jerry's")).toBe('Tom &amp; Jerry&#39;s');
    expect(escapeHtml('客户因理财亏损情绪激动')).toBe('客户因理财亏损情绪激动');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(15)).toBe('15');
  });

  it('puts each line, escaped, on its own line', () => {
    expect(tooltipLines('2026-11-01', '<b>scenario</b>', '15 / 20')).toBe(
      '2026-11-01<br/>&lt;b&gt;scenario&lt;/b&gt;<br/>15 / 20',
    );
  });
});
