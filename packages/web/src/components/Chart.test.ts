import { describe, expect, it } from 'vitest';
import { textOnly, tooltipLines } from './Chart';

describe('charts show user data as text', () => {
  it('draws every tooltip on the canvas, whatever the option asks', () => {
    const formatter = () => '<img src=x onerror=alert(1)>';
    expect(textOnly({ series: [] }).tooltip).toMatchObject({ renderMode: 'richText', confine: true });
    const one = textOnly({ tooltip: { trigger: 'axis', renderMode: 'html', formatter } }).tooltip;
    expect(one).toMatchObject({ trigger: 'axis', renderMode: 'richText', formatter });
    const many = textOnly({ tooltip: [{ renderMode: 'html' }, { trigger: 'item' }] }).tooltip;
    expect(many).toEqual([
      expect.objectContaining({ renderMode: 'richText' }),
      expect.objectContaining({ renderMode: 'richText', trigger: 'item' }),
    ]);
  });

  it('keeps the text style a chart sets and the house style for the rest', () => {
    const t = textOnly({ tooltip: { textStyle: { fontSize: 16 } } }).tooltip as {
      textStyle: { fontSize: number; color: string };
    };
    expect(t.textStyle.fontSize).toBe(16);
    expect(t.textStyle.color).toBe('#1f1f1f');
  });

  it('puts each tooltip line on its own line, as it is', () => {
    expect(tooltipLines('2026-11-01', '<b>scenario</b>', null, 15)).toBe('2026-11-01\n<b>scenario</b>\n\n15');
  });
});
