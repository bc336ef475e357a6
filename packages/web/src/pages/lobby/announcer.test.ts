import { describe, expect, it } from 'vitest';
import {
  Announcer,
  announceStored,
  BoardSound,
  callText,
  counterLabel,
  newCalls,
  pickVoice,
  type SpeechLike,
  type UtteranceLike,
} from './announcer';

/** A speechSynthesis that says each utterance until the test ends it. */
class FakeSpeech implements SpeechLike {
  said: UtteranceLike[] = [];
  cancelled = 0;
  voices = [
    { lang: 'en-US', name: 'English', localService: true },
    { lang: 'zh-TW', name: 'Taiwan', localService: true },
    { lang: 'zh-CN', name: 'Mandarin (remote)', localService: false },
    { lang: 'zh_CN', name: 'Mandarin', localService: true },
  ];
  speak(u: UtteranceLike) {
    this.said.push(u);
  }
  cancel() {
    this.cancelled++;
  }
  getVoices() {
    return this.voices;
  }
  /** the current utterance ends */
  end() {
    this.said.at(-1)?.onend?.();
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const speech = new FakeSpeech();
  const chimes: number[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const a = new Announcer({
    speech,
    utterance: (text) => ({ text, lang: '', rate: 1, voice: null, onend: null, onerror: null }),
    chime: async () => {
      chimes.push(speech.said.length);
    },
    locale: () => locale,
    maxCallMs: 5000,
    setTimeout: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => {
      const i = timers.indexOf(t as { fn: () => void; ms: number });
      if (i >= 0) timers.splice(i, 1);
    },
  });
  return { a, speech, chimes, timers };
}

describe('the text of a call', () => {
  it('says the ticket and the counter in Chinese, and in English', () => {
    expect(callText({ ticket: 'A033', counter: '3' }, 'zh-CN')).toBe('请 A033 号到 3 号窗口');
    expect(callText({ ticket: 'A033', counter: '03' }, 'zh-CN')).toBe('请 A033 号到 3 号窗口');
    expect(callText({ ticket: 'V001', counter: 'VIP' }, 'zh-CN')).toBe('请 V001 号到 VIP 窗口');
    expect(callText({ ticket: 'V001', counter: '贵宾室' }, 'zh-CN')).toBe('请 V001 号到 贵宾室');
    expect(callText({ ticket: 'A033', counter: '3' }, 'en-US')).toBe('Ticket A033, please go to counter 3');
    expect(counterLabel('12', 'zh-CN')).toBe('12 号窗口');
    expect(counterLabel('VIP', 'en-US')).toBe('VIP');
  });

  it('picks a zh-CN voice, a local one first, and another Chinese one when there is no zh-CN', () => {
    const speech = new FakeSpeech();
    expect(pickVoice(speech.voices, 'zh-CN')?.name).toBe('Mandarin');
    expect(pickVoice(speech.voices.slice(0, 2), 'zh-CN')?.name).toBe('Taiwan');
    expect(pickVoice(speech.voices.slice(0, 1), 'zh-CN')).toBeNull();
    expect(pickVoice(speech.voices, 'en-US')?.name).toBe('English');
  });
});

describe('the announcer', () => {
  it('plays calls one at a time, a chime before each, in the order they came', async () => {
    const { a, speech, chimes } = setup();
    a.announce({ ticket: 'A001', counter: '1' });
    a.announce({ ticket: 'B002', counter: '3' });
    await tick();
    // the first is being said, the second waits
    expect(speech.said.map((u) => u.text)).toEqual(['请 A001 号到 1 号窗口']);
    expect(speech.said[0]).toMatchObject({ lang: 'zh-CN', voice: { name: 'Mandarin' } });
    expect(a.busy).toBe(true);
    expect(a.pending).toBe(1);
    speech.end();
    await tick();
    await tick();
    expect(speech.said.map((u) => u.text)).toEqual(['请 A001 号到 1 号窗口', '请 B002 号到 3 号窗口']);
    // each call's chime sounded before its words
    expect(chimes).toEqual([0, 1]);
    speech.end();
    await tick();
    await tick();
    expect(a.busy).toBe(false);
    expect(a.spoken).toHaveLength(2);
  });

  it('does not queue the same call twice, and goes on when a voice never ends', async () => {
    const { a, speech, timers } = setup();
    a.announce({ ticket: 'A001', counter: '1' });
    a.announce({ ticket: 'A002', counter: '2' });
    a.announce({ ticket: 'A002', counter: '2' });
    await tick();
    expect(a.pending).toBe(1);
    // the voice says nothing back: the time-out moves on
    expect(timers.at(-1)?.ms).toBe(5000);
    timers.at(-1)!.fn();
    await tick();
    await tick();
    expect(speech.said.map((u) => u.text)).toEqual(['请 A001 号到 1 号窗口', '请 A002 号到 2 号窗口']);
  });

  it('switched off, says nothing and drops what waits', async () => {
    const { a, speech } = setup();
    a.announce({ ticket: 'A001', counter: '1' });
    a.announce({ ticket: 'A002', counter: '2' });
    await tick();
    a.setEnabled(false);
    expect(speech.cancelled).toBe(1);
    expect(a.pending).toBe(0);
    a.announce({ ticket: 'A003', counter: '3' });
    speech.end();
    await tick();
    await tick();
    expect(speech.said).toHaveLength(1);
    a.setEnabled(true);
    a.announce({ ticket: 'A004', counter: '4' });
    await tick();
    expect(speech.said.at(-1)?.text).toBe('请 A004 号到 4 号窗口');
  });

  it('speaks English on an English board', async () => {
    const { a, speech } = setup('en-US');
    a.announce({ ticket: 'A033', counter: '3' });
    await tick();
    expect(speech.said[0]).toMatchObject({ text: 'Ticket A033, please go to counter 3', lang: 'en-US' });
  });

  it('without speech synthesis, still chimes and goes through the queue', async () => {
    let chimes = 0;
    const a = new Announcer({
      speech: null,
      utterance: () => {
        throw new Error('no speech');
      },
      chime: async () => {
        chimes++;
      },
      locale: () => 'zh-CN',
    });
    a.announce({ ticket: 'A001', counter: '1' });
    a.announce({ ticket: 'A002', counter: '2' });
    for (let i = 0; i < 6; i++) await tick();
    expect(chimes).toBe(2);
    expect(a.spoken).toEqual(['请 A001 号到 1 号窗口', '请 A002 号到 2 号窗口']);
  });
});

describe('what is new on the board', () => {
  it('announces the tickets that came to a counter since the last view, nothing on the first', () => {
    const v1 = [{ ticket: 'A001', counter: '1' }];
    expect(newCalls(null, v1)).toEqual([]);
    const v2 = [...v1, { ticket: 'B001', counter: '3' }];
    expect(newCalls(v1, v2)).toEqual([{ ticket: 'B001', counter: '3' }]);
    // the next ticket at the same counter is a new call
    expect(newCalls(v2, [{ ticket: 'A002', counter: '1' }])).toEqual([{ ticket: 'A002', counter: '1' }]);
    expect(newCalls(v2, v2)).toEqual([]);
  });

  it('remembers the switch (on unless switched off)', () => {
    const store = (v: string | null) => ({ getItem: () => v });
    expect(announceStored(store(null))).toBe(true);
    expect(announceStored(store('on'))).toBe(true);
    expect(announceStored(store('off'))).toBe(false);
    expect(announceStored(undefined)).toBe(true);
  });
});

describe('the board sound', () => {
  it('is not allowed until the audio runs; a tap resumes it and unlocks speech', async () => {
    const spoken: string[] = [];
    class Ctx {
      state = 'suspended';
      currentTime = 0;
      destination = {};
      async resume() {
        this.state = 'running';
      }
      createOscillator() {
        return {
          type: '',
          frequency: { setValueAtTime() {} },
          connect() {},
          start() {},
          stop() {},
        };
      }
      createGain() {
        return {
          gain: { setValueAtTime() {}, linearRampToValueAtTime() {}, exponentialRampToValueAtTime() {} },
          connect() {},
        };
      }
    }
    const sound = new BoardSound({
      AudioContext: Ctx,
      speechSynthesis: {
        speak: (u: { text: string }) => spoken.push(u.text),
        cancel() {},
        getVoices: () => [],
      },
      SpeechSynthesisUtterance: class {
        lang = '';
        constructor(public text: string) {}
      },
    });
    expect(sound.allowed()).toBe(false);
    expect(await sound.unlock()).toBe(true);
    expect(sound.allowed()).toBe(true);
    expect(spoken).toEqual(['']);
    // no audio at all: never "allowed", the overlay cannot help
    expect(new BoardSound({}).allowed()).toBe(false);
  });
});
