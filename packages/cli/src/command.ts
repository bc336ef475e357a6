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
