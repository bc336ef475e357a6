/** A progress bar on stderr, drawn only when stderr is a terminal, at most ten times a second. */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const NOOP: Progress = { update() {}, finish() {} };

export function createProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY || total <= 1) return NOOP;
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    const f = Math.min(1, done / total);
    const full = Math.round(f * width);
    const secs = (Date.now() - started) / 1000;
    const eta = f > 0 ? (secs / f) * (1 - f) : 0;
    stream.write(
      `\r${label} [${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)}% ${done}/${total} eta ${eta.toFixed(0)}s `,
    );
    drawn = true;
  };
  return {
    update(done: number) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      draw(done);
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
