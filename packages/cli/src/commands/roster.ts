import { readFile } from 'node:fs/promises';
import { formatRosterIssue, type RosterLang, type RosterResult } from '@liangdian/engine';
import { loadConfig, orgRepository, solveRoster } from '@liangdian/server';
import { command, EXIT, UsageError } from '../command';
import { withServices } from '../org-commands';

const HELP = `Usage: liangdian roster PROBLEM.json [--time-limit S] [--gap G] [--lang zh-CN|en-US] [--json]

Solves a weekly roster (docs/roster.md: the problem format, the model, the conflicts) with HiGHS
in a worker thread, and prints the status (optimal | feasible with gap and bound | infeasible with
the conflicts | invalid with each mistake's JSON path), objective, bound, gap, seconds, the
model's size, the shifts, coverage per slot (required vs scheduled), violations and conflicts.

Options:
  --time-limit S  stop after S seconds with the best roster found (default 10)
  --gap G         relative gap counted as optimal (default 0.01)
  --lang L        language of the messages, zh-CN (default) or en-US
  --json          the whole answer as JSON
Exit code: 0 optimal or feasible, 1 infeasible or invalid, 2 usage.`;

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(2)}%`);

/** Prints a roster answer (text or JSON) and returns the exit code; `liangdian roster --outlet` calls it too. */
export function printRosterResult(r: RosterResult, opts: { json?: boolean; lang?: RosterLang } = {}): number {
  const lang = opts.lang ?? 'zh-CN';
  const code = r.status === 'optimal' || r.status === 'feasible' ? EXIT.ok : EXIT.failure;
  if (opts.json) {
    console.log(JSON.stringify(r));
    return code;
  }
  if (r.status === 'invalid') {
    console.log(`status invalid (${r.issues?.length ?? 0} mistakes)`);
    for (const i of r.issues ?? []) console.log(`  ${formatRosterIssue(i, lang)}`);
    return code;
  }
  console.log(
    `status ${r.status}${r.timeLimited ? ' (time limit: best roster found)' : ''}  objective ${r.objective ?? '–'}  bound ${r.bound ?? '–'}  gap ${pct(r.gap)}  seconds ${r.seconds.toFixed(2)}`,
  );
  console.log(`model rows ${r.model.rows}  cols ${r.model.cols}  integers ${r.model.integers}`);
  console.log(`shifts (${r.shifts.length}):`);
  for (const s of r.shifts) {
    const brk = s.mealBreak ? ` break ${s.mealBreak.start}–${s.mealBreak.end}` : '';
    const posts = s.posts.map((p) => `${p.post} ${p.from}–${p.to}`).join(', ');
    console.log(`  ${s.date} ${s.person.padEnd(8)} ${s.start}–${s.end}${brk}  ${posts}`);
  }
  const off = r.coverage.filter((c) => c.scheduled !== c.required);
  console.log(
    `coverage: ${r.coverage.length - off.length} of ${r.coverage.length} slot-posts exactly as required`,
  );
  for (const c of off)
    console.log(
      `  ${c.date} ${c.start} ${c.post.padEnd(10)} required ${c.required} scheduled ${c.scheduled}`,
    );
  console.log(`violations (${r.violations.length}):`);
  for (const v of r.violations) console.log(`  [${v.rule}] ${v.text[lang]}`);
  console.log(`conflicts (${r.conflicts.length}):`);
  for (const c of r.conflicts) console.log(`  ${c.text[lang]}`);
  return code;
}

export const rosterCommand = command({
  name: 'roster',
  summary: 'Solve a weekly roster with HiGHS: status, gap, shifts, coverage, violations, conflicts',
  help: HELP,
  strings: ['time-limit', 'gap', 'lang', 'outlet', 'week'],
  booleans: ['json'],
  positionals: true,
  async run(values, positionals) {
    const file = positionals[0];
    const fromDb = values.outlet !== undefined || values.week !== undefined;
    if (fromDb && (!values.outlet || !values.week || positionals.length > 0))
      throw new UsageError('Give --outlet CODE and --week YYYY-MM-DD (and no problem file).');
    if (!fromDb && (!file || positionals.length > 1))
      throw new UsageError('Give one problem file: liangdian roster PROBLEM.json');
    const timeLimitSeconds = Number(values['time-limit'] ?? 10);
    if (!(timeLimitSeconds > 0)) throw new UsageError('--time-limit must be a number of seconds > 0.');
    const gap = Number(values.gap ?? 0.01);
    if (!(gap >= 0 && gap < 1)) throw new UsageError('--gap must be from 0 to 1.');
    const lang = (values.lang ?? 'zh-CN') as RosterLang;
    if (lang !== 'zh-CN' && lang !== 'en-US') throw new UsageError('--lang must be zh-CN or en-US.');
    let json: unknown;
    // --outlet CODE --week DATE: the problem of the outlet's week as the app builds it from the database
    if (fromDb) {
      const built = await withServices(loadConfig(), async ({ database, services }) => {
        const found = await orgRepository.outletByCode(database.db, values.outlet!);
        const outlet = found && (await orgRepository.findOutlet(database.db, found.id));
        if (!outlet) return null;
        return (await services.rosters.problemOf(database.db, outlet, values.week!)).problem;
      });
      if (built === null) {
        console.error(`No outlet with the code ${values.outlet}.`);
        return EXIT.failure;
      }
      json = built;
    } else
      try {
        json = JSON.parse(await readFile(file!, 'utf8'));
      } catch (e) {
        console.error(`Cannot read ${file}: ${(e as Error).message}`);
        return EXIT.failure;
      }
    const r = await solveRoster(json, {
      timeLimitSeconds,
      gap,
      onProgress: values.json
        ? undefined
        : (p) =>
            process.stderr.write(
              `\r${p.seconds.toFixed(1)} s  best ${p.objective ?? '–'}  bound ${p.bound ?? '–'}  gap ${pct(p.gap)}   `,
            ),
    });
    if (!values.json) process.stderr.write('\n');
    return printRosterResult(r, { json: values.json, lang });
  },
});
