import { vi } from 'vitest';

/** Collects what the command prints with console.log and console.error (until vi.restoreAllMocks()). */
export function captureConsole() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(a.join(' '));
  });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err.push(a.join(' '));
  });
  return { out, err };
}

/** Command-line flags from an object, in its order: `{ servers: 3, json: true }` → `--servers 3 --json`. */
export function flags(options: Record<string, string | number | true>): string[] {
  return Object.entries(options).flatMap(([name, value]) =>
    value === true ? [`--${name}`] : [`--${name}`, String(value)],
  );
}
