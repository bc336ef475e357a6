import { type ParseArgsConfig, parseArgs } from 'node:util';

/** One `liangdian` sub-command. `run` returns the process exit code. */
export interface Command {
  /** e.g. "erlang" or "user create" (space-separated for nested commands) */
  name: string;
  /** one line, shown in `liangdian --help` */
  summary: string;
  /** full text for `liangdian <name> --help` */
  help: string;
  run(args: string[]): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** What `command()` hands to `run`: the string options given, every boolean (false when absent). */
export type Flags<S extends string, B extends string> = Partial<Record<S, string>> & Record<B, boolean>;

/**
 * A command whose flags are declared by name: `strings` take a value (`--seed 3`), `booleans` do not
 * (`--json`). Unknown flags are a usage error; positional arguments only when `positionals` is set.
 */
export function command<S extends string = never, B extends string = never>(def: {
  name: string;
  summary: string;
  help: string;
  strings?: readonly S[];
  booleans?: readonly B[];
  positionals?: boolean;
  run(flags: Flags<S, B>, positionals: string[]): Promise<number>;
}): Command {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const name of def.strings ?? []) options[name] = { type: 'string' };
  for (const name of def.booleans ?? []) options[name] = { type: 'boolean', default: false };
  return {
    name: def.name,
    summary: def.summary,
    help: def.help,
    run(args) {
      const { values, positionals } = parseArgs({
        args,
        options,
        strict: true,
        allowPositionals: def.positionals ?? false,
      });
      return def.run(values as Flags<S, B>, positionals);
    },
  };
}
