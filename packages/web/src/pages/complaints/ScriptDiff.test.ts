import { describe, expect, it } from 'vitest';
import { diffText, tokenize } from './ScriptDiff';

const render = (before: string, after: string) =>
  diffText(before, after)
    .map((p) => (p.kind === 'same' ? p.text : p.kind === 'removed' ? `[-${p.text}]` : `[+${p.text}]`))
    .join('');

describe('diffText', () => {
  it('splits Chinese into characters and Latin text into words', () => {
    expect(tokenize('您好 Mr Li，请坐')).toEqual(['您', '好', ' ', 'Mr', ' ', 'Li', '，', '请', '坐']);
  });

  it('returns the text unchanged when both versions are equal', () => {
    expect(diffText('请您稍候', '请您稍候')).toEqual([{ kind: 'same', text: '请您稍候' }]);
  });

  it('marks a changed Chinese phrase inside a sentence', () => {
    expect(render('请您先到这边坐下慢慢说', '请您先到贵宾室坐下慢慢说')).toBe(
      '请您先到[-这边][+贵宾室]坐下慢慢说',
    );
  });

  it('marks whole words in English', () => {
    expect(render('Please wait here', 'Please sit here')).toBe('Please [-wait][+sit] here');
  });

  it('handles additions at the end and removals at the start', () => {
    expect(render('您好', '您好，请坐')).toBe('您好[+，请坐]');
    expect(render('先生您好', '您好')).toBe('[-先生]您好');
  });

  it('folds a one-character coincidence between two changes into the change', () => {
    expect(render('我会每天电话告知您。', '我已申请加急并短信通知您。')).toBe(
      '我[-会每天电话告][+已申请加急并短信通]知您。',
    );
    expect(render('甲乙丙丁戊', '子乙丑丁寅')).toBe('[-甲乙丙丁戊][+子乙丑丁寅]');
  });

  it('keeps both texts whole: the old one from same+removed, the new one from same+added', () => {
    const before = '经核实，处理结果如下……如您对处理结果有异议，可在30日内申请复核。';
    const after = '经认真核实，处理结论如下：如您有异议，可在收到决定之日起30日内申请复核，也可申请调解。';
    const parts = diffText(before, after);
    const textWithout = (kind: 'added' | 'removed') =>
      parts
        .filter((p) => p.kind !== kind)
        .map((p) => p.text)
        .join('');
    expect(textWithout('added')).toBe(before);
    expect(textWithout('removed')).toBe(after);
  });
});
