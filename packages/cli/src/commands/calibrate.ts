import { loadConfig, orgRepository } from '@liangdian/server';
import type { Calibration } from '@liangdian/shared/api';
import { command, EXIT, UsageError } from '../command';
import { asSystemActor } from '../org-commands';

const HELP = `Usage: liangdian calibrate --outlet CODE [--replications N] [--arrivals fit|observed] [--json]

Fits the scenario inputs on the outlet's ticket events of the last four weeks (opening hours,
arrivals per half hour and day type, service per business type, patience as a survival curve,
counters open per half hour), then backtests: fitted on the four weeks before last week, the
engine predicts last week's per-slot mean wait (of customers who reached a counter), service
level and abandonment given the counters really open, compared with what happened.
--arrivals: the test week's arrivals as they came (observed, the default) or from the fitted
day types (fit, stricter: it also tests the arrivals' fit). --replications: engine runs per test day (default 10).
--json prints the whole result (the API's GET …/lobby/calibration). docs/calibration.md.`;

const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
const num = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));

/** The calibration as text: inputs in short, then the backtest per slot and overall. */
export function formatCalibration(c: Calibration): string {
  const lines: string[] = [];
  lines.push(`Tickets ${c.window.from} … ${c.window.to}: ${c.window.days} days, ${c.window.tickets} tickets`);
  for (const h of c.hours) lines.push(`Hours (${h.dayClass}, ${h.days} days): ${h.open}–${h.close}`);
  for (const a of c.arrivals.filter((x) => x.source !== 'class')) {
    const total = Object.values(a.perType).reduce((s, row) => s + row.reduce((p, q) => p + q, 0) / 2, 0);
    lines.push(`Arrivals ${a.key} (${a.days} days, ${a.source}): ${total.toFixed(0)} a day`);
  }
  for (const s of c.service)
    lines.push(
      `Service ${s.businessType}: n ${s.n}, mean ${num(s.mean)} min, median ${num(s.median)}, p90 ${num(s.p90)}` +
        (s.byPeriod.length
          ? `; differs ${s.byPeriod.map((p) => `${p.from}–${p.to} mean ${num(p.mean)}`).join(', ')}`
          : ''),
    );
  const p = c.patience.pooled;
  const at = (m: number) => p.curve.find((x) => x.minutes >= m)?.survival ?? null;
  lines.push(
    `Patience: ${p.exact} abandons, ${p.left} no-shows, ${p.right} served; S(1) ${num(at(1), 3)}, S(5) ${num(at(5), 3)}, S(15) ${num(at(15), 3)}, median ${num(p.medianMinutes, 1)} min`,
  );
  for (const z of c.counters.zones) {
    const peak = Math.max(...(z.weekday ?? [0]));
    lines.push(`Counters ${z.zoneName} (${z.counters.join(' ')}): weekday peak ${num(peak, 1)} open`);
  }
  const b = c.backtest;
  if (!b) {
    lines.push('Backtest: not enough days before the last week.');
    return lines.join('\n');
  }
  lines.push('');
  lines.push(
    `Backtest: fit ${b.fit.from} … ${b.fit.to} (${b.fit.days} days), test ${b.test.from} … ${b.test.to} (${b.test.days} days), arrivals ${b.arrivals}, ${b.replications} replications`,
  );
  lines.push(
    'slot          tickets  wait act  wait pred  err     SL act  SL pred  err     aband act  aband pred  err',
  );
  for (const s of b.slots)
    lines.push(
      [
        `${s.start}–${s.end}`.padEnd(12),
        String(s.actual.tickets).padStart(8),
        num(s.actual.meanWaitMinutes).padStart(9),
        num(s.predicted.meanWaitMinutes).padStart(10),
        pct(s.error.meanWait).padStart(7),
        num(s.actual.serviceLevel, 3).padStart(7),
        num(s.predicted.serviceLevel, 3).padStart(8),
        pct(s.error.serviceLevel).padStart(7),
        num(s.actual.abandonment, 3).padStart(10),
        num(s.predicted.abandonment, 3).padStart(11),
        pct(s.error.abandonment).padStart(7),
      ].join(' '),
    );
  const o = b.overall;
  lines.push(
    `Overall: mean wait ${num(o.actual.meanWaitMinutes)} → ${num(o.predicted.meanWaitMinutes)} min (${pct(o.error.meanWait)}), service level ${num(o.actual.serviceLevel, 3)} → ${num(o.predicted.serviceLevel, 3)} (${pct(o.error.serviceLevel)}), abandonment ${num(o.actual.abandonment, 3)} → ${num(o.predicted.abandonment, 3)} (${pct(o.error.abandonment)})`,
  );
  lines.push(
    `Goal |error| ≤ ${(b.goal * 100).toFixed(0)}% on mean wait and abandonment: ${b.meetsGoal ? 'met' : 'NOT met'}`,
  );
  return lines.join('\n');
}

export const calibrateCommand = command({
  name: 'calibrate',
  summary: "Fit the scenario on an outlet's tickets and backtest it on the last week",
  help: HELP,
  strings: ['outlet', 'replications', 'arrivals'],
  booleans: ['json'],
  async run(values) {
    if (!values.outlet) throw new UsageError('--outlet CODE is required.');
    const replications = values.replications === undefined ? 10 : Number(values.replications);
    if (!Number.isInteger(replications) || replications < 1 || replications > 50)
      throw new UsageError(
        `--replications must be a whole number from 1 to 50, got "${values.replications}"`,
      );
    const arrivals = values.arrivals ?? 'observed';
    if (arrivals !== 'fit' && arrivals !== 'observed')
      throw new UsageError(`--arrivals must be fit or observed, got "${arrivals}"`);
    return asSystemActor(loadConfig(), async ({ database, services, actor }) => {
      const o = await orgRepository.outletByCode(database.db, values.outlet!);
      if (!o) throw new UsageError(`No outlet with code ${values.outlet}.`);
      const c = await services.lobby.calibration.calibration(actor, o.id, { replications, arrivals });
      console.log(values.json ? JSON.stringify(c, null, 2) : formatCalibration(c));
      return EXIT.ok;
    });
  },
});
