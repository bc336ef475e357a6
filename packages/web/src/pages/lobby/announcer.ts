/**
 * Calling tickets aloud on the hall board (叫号): a chime made with the Web Audio API (no audio
 * file) and a spoken call through the browser's speech synthesis, in Chinese when a zh-CN voice
 * is there ("请 A033 号到 3 号窗口"). Calls are queued and played one at a time, in the order they
 * came. Browsers refuse sound before the first tap on a page; `Announcer.unlock()`, run from the
 * tap's handler, allows it for the rest of the page's life.
 *
 * The browser parts come in through small interfaces, so that the queueing and the texts are
 * tested without a browser.
 */

export type AnnounceLocale = 'zh-CN' | 'en-US';

export interface TicketCall {
  ticket: string;
  counter: string;
}

/** A counter's name as said and shown: "3" → "3 号窗口" / "counter 3"; a name ("VIP 室") as it is. */
export function counterLabel(counter: string, locale: AnnounceLocale): string {
  const c = counter.trim();
  const n = /^0*(\d+)$/.exec(c);
  if (locale === 'en-US') return n ? `counter ${n[1]}` : c;
  if (n) return `${n[1]} 号窗口`;
  return /(窗口|柜台|柜|室|区|台|位)$/.test(c) ? c : `${c} 窗口`;
}

/** What is said for a call: "请 A033 号到 3 号窗口" / "Ticket A033, please go to counter 3". */
export function callText(call: TicketCall, locale: AnnounceLocale): string {
  const ticket = call.ticket.trim();
  return locale === 'en-US'
    ? `Ticket ${ticket}, please go to ${counterLabel(call.counter, locale)}`
    : `请 ${ticket} 号到 ${counterLabel(call.counter, locale)}`;
}

/** The part of `window.speechSynthesis` used here. */
export interface SpeechLike {
  speak(u: UtteranceLike): void;
  cancel(): void;
  getVoices(): { lang: string; name: string; localService?: boolean }[];
}
export interface UtteranceLike {
  text: string;
  lang: string;
  rate: number;
  voice: unknown;
  onend: (() => void) | null;
  onerror: ((e?: unknown) => void) | null;
}

export interface AnnouncerDeps {
  /** null: the browser cannot speak (the chime still plays) */
  speech: SpeechLike | null;
  utterance: (text: string) => UtteranceLike;
  /** plays the chime; resolves when it has sounded */
  chime: () => Promise<void>;
  locale: () => AnnounceLocale;
  /** told each text as it is said (the board marks it for its tests and screen readers) */
  onSay?: (text: string) => void;
  /** how long one call may take at most before the next (a voice that never says "end") */
  maxCallMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (t: unknown) => void;
}

/** The voice for a locale: an exact match first (zh-CN), then the language (zh-*), local voices first. */
export function pickVoice<V extends { lang: string; localService?: boolean }>(
  voices: V[],
  locale: AnnounceLocale,
): V | null {
  const norm = (l: string) => l.replace('_', '-').toLowerCase();
  const want = locale.toLowerCase();
  const lang = want.split('-')[0]!;
  const rank = (v: V) =>
    (norm(v.lang) === want ? 0 : norm(v.lang).split('-')[0] === lang ? 2 : 9) + (v.localService ? 0 : 1);
  const fit = voices.filter((v) => rank(v) < 9).sort((a, b) => rank(a) - rank(b));
  return fit[0] ?? null;
}

/** Calls waiting beyond this are dropped (the oldest first): a burst is not read out for minutes. */
const MAX_QUEUE = 6;

export class Announcer {
  private queue: TicketCall[] = [];
  private playing = false;
  private enabled = true;
  private readonly maxCallMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;
  /** what was said, newest last (for tests and the page's own test hook) */
  readonly spoken: string[] = [];

  constructor(private readonly deps: AnnouncerDeps) {
    this.maxCallMs = deps.maxCallMs ?? 12_000;
    this.setTimer = deps.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.clearTimer = deps.clearTimeout ?? ((t) => globalThis.clearTimeout(t as number));
  }

  get busy(): boolean {
    return this.playing;
  }
  get pending(): number {
    return this.queue.length;
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on) {
      this.queue = [];
      this.deps.speech?.cancel();
    }
  }

  /** Queues a call; the same ticket at the same counter already waiting is not queued twice. */
  announce(call: TicketCall): void {
    if (!this.enabled) return;
    if (this.queue.some((q) => q.ticket === call.ticket && q.counter === call.counter)) return;
    this.queue.push(call);
    if (this.queue.length > MAX_QUEUE) this.queue.splice(0, this.queue.length - MAX_QUEUE);
    void this.next();
  }

  /** Stops what is being said and forgets the queue (the page goes away). */
  close(): void {
    this.setEnabled(false);
  }

  private async next(): Promise<void> {
    if (this.playing) return;
    const call = this.queue.shift();
    if (!call) return;
    this.playing = true;
    try {
      await this.deps.chime().catch(() => undefined);
      if (this.enabled) await this.say(callText(call, this.deps.locale()));
    } finally {
      this.playing = false;
    }
    if (this.enabled) await this.next();
  }

  private say(text: string): Promise<void> {
    this.spoken.push(text);
    this.deps.onSay?.(text);
    const speech = this.deps.speech;
    if (!speech) return Promise.resolve();
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.clearTimer(timer);
        resolve();
      };
      const timer = this.setTimer(finish, this.maxCallMs);
      const u = this.deps.utterance(text);
      const locale = this.deps.locale();
      u.lang = locale;
      u.rate = locale === 'zh-CN' ? 0.9 : 1;
      u.voice = pickVoice(speech.getVoices(), locale);
      u.onend = finish;
      u.onerror = finish;
      try {
        speech.speak(u);
      } catch {
        finish();
      }
    });
  }
}

// ---------------------------------------------------------------- the browser's parts

interface AudioContextLike {
  state: string;
  currentTime: number;
  destination: unknown;
  resume(): Promise<void>;
  createOscillator(): {
    type: string;
    frequency: { setValueAtTime(v: number, t: number): void };
    connect(n: unknown): void;
    start(t: number): void;
    stop(t: number): void;
  };
  createGain(): {
    gain: {
      setValueAtTime(v: number, t: number): void;
      linearRampToValueAtTime(v: number, t: number): void;
      exponentialRampToValueAtTime(v: number, t: number): void;
    };
    connect(n: unknown): void;
  };
}

type Win = {
  AudioContext?: new () => AudioContextLike;
  webkitAudioContext?: new () => AudioContextLike;
  speechSynthesis?: SpeechLike;
  SpeechSynthesisUtterance?: new (text: string) => UtteranceLike;
};

/**
 * The board's sound: one AudioContext for the page (created on first use), the chime, speech.
 * `allowed()` says whether the browser lets the page sound now; when it does not, the page asks
 * for one tap and calls `unlock()` from it.
 */
export class BoardSound {
  private ctx: AudioContextLike | null = null;
  private readonly win: Win;

  constructor(win: unknown = globalThis) {
    this.win = win as Win;
  }

  private context(): AudioContextLike | null {
    if (this.ctx) return this.ctx;
    const Ctor = this.win.AudioContext ?? this.win.webkitAudioContext;
    if (!Ctor) return null;
    try {
      this.ctx = new Ctor();
    } catch {
      return null;
    }
    return this.ctx;
  }

  /** true: sound plays without a tap (autoplay allowed, or unlocked by one) */
  allowed(): boolean {
    const ctx = this.context();
    return ctx ? ctx.state === 'running' : false;
  }

  /** From a tap: resumes the audio and says nothing once, so that speech is allowed too. */
  async unlock(): Promise<boolean> {
    const ctx = this.context();
    const speech = this.win.speechSynthesis;
    const Utterance = this.win.SpeechSynthesisUtterance;
    if (speech && Utterance) {
      const u = new Utterance('');
      u.lang = 'zh-CN';
      speech.speak(u);
    }
    if (!ctx) return false;
    await ctx.resume().catch(() => undefined);
    return ctx.state === 'running';
  }

  /** A two-tone "ding-dong" (E5 then C5, soft attack and decay), about 0.9 s. */
  chime = (): Promise<void> => {
    const ctx = this.context();
    if (ctx?.state !== 'running') return Promise.resolve();
    const t0 = ctx.currentTime + 0.02;
    const tone = (freq: number, at: number, length: number) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(freq, at);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.linearRampToValueAtTime(0.35, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(at);
      osc.stop(at + length + 0.05);
    };
    tone(659.25, t0, 0.55);
    tone(523.25, t0 + 0.35, 0.7);
    return new Promise((r) => globalThis.setTimeout(r, 1100));
  };

  announcer(locale: () => AnnounceLocale, onSay?: (text: string) => void): Announcer {
    const speech = this.win.speechSynthesis ?? null;
    const Utterance = this.win.SpeechSynthesisUtterance;
    return new Announcer({
      speech: speech && Utterance ? speech : null,
      utterance: (text) => (Utterance ? new Utterance(text) : ({ text } as UtteranceLike)),
      chime: this.chime,
      locale,
      onSay,
    });
  }
}

/** The board's switch, remembered per screen. */
export const ANNOUNCE_KEY = 'liangdian.board.announce';
export function announceStored(storage: { getItem(k: string): string | null } | undefined): boolean {
  return storage?.getItem(ANNOUNCE_KEY) !== 'off';
}

/**
 * The calls new in this view of the counters: a ticket at a counter that the previous view did
 * not have (a first view announces nothing: the page just opened).
 */
export function newCalls(before: readonly TicketCall[] | null, now: readonly TicketCall[]): TicketCall[] {
  if (!before) return [];
  const seen = new Set(before.map((c) => `${c.counter}\u0000${c.ticket}`));
  return now.filter((c) => !seen.has(`${c.counter}\u0000${c.ticket}`));
}
