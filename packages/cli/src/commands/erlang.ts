import {
  type Minutes,
  type PerMinute,
  type QueueMetrics,
  queueMetrics,
  staffingTable,
} from '@liangdian/engine';
import { command, EXIT, UsageError } from '../command';

const HELP = `Usage:
  liangdian erlang --arrival-rate L --service-rate M --servers C [--patience-rate T] [--target-seconds S] [--json]
  liangdian erlang --arrival-rate L --service-rate M --target-seconds S --service-level 0.8 --staff [--patience-rate T] [--json]

Exact queueing metrics: Erlang C (M/M/c) or, with --patience-rate, Erlang A (M/M/c+M).
Rates are per minute: L arrivals per minute, M services per minute per server (1 / mean service
minutes), T abandonments per minute per waiting customer (1 / mean patience minutes).

Output: pWait (probability of waiting), waitMinutes (mean wait over all arrivals, abandoning
customers counting the time they waited), servedWaitMinutes (mean wait of the customers who are
served; the same as waitMinutes without abandonment), serviceLevel (share of arrivals served
after waiting at most the target), abandonRate, occupancy.

--staff prints the staffing table and the fewest servers whose service level meets
--service-level (default 0.8) for the target wait --target-seconds.`;

function positive(name: string, v: string | undefined, { allowZero = false } = {}): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0 || (!allowZero && x === 0))
    throw new UsageError(`--${name} must be a number ${allowZero ? '≥' : '>'} 0, got "${v}"`);
  return x;
}

function toJson(m: QueueMetrics) {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    model: m.model,
    arrivalRate: m.arrivalRate,
    serviceRate: m.serviceRate,
    servers: m.servers,
    patienceRate: m.patienceRate,
    offeredLoad: m.offeredLoad,
    stable: m.stable,
    pWait: m.pWait,
    waitMinutes: finite(m.waitMinutes),
    servedWaitMinutes: finite(m.servedWaitMinutes),
    queueLength: finite(m.queueLength),
    targetSeconds: m.targetMinutes * 60,
    serviceLevel: m.serviceLevel,
    abandonRate: m.abandonRate,
    occupancy: m.occupancy,
  };
}

const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '∞');

export const erlangCommand = command({
  name: 'erlang',
  summary: 'Exact Erlang C / Erlang A metrics and staffing (rates per minute)',
  help: HELP,
  strings: ['arrival-rate', 'service-rate', 'servers', 'patience-rate', 'target-seconds', 'service-level'],
  booleans: ['staff', 'json'],
  async run(values) {
    const lambda = positive('arrival-rate', values['arrival-rate'], { allowZero: true });
    const mu = positive('service-rate', values['service-rate']);
    if (lambda === undefined) throw new UsageError('--arrival-rate is required');
    if (mu === undefined) throw new UsageError('--service-rate is required');
    const theta = positive('patience-rate', values['patience-rate'], { allowZero: true });
    const targetSeconds = positive('target-seconds', values['target-seconds'], { allowZero: true }) ?? 0;
    const common = {
      arrivalRate: lambda as PerMinute,
      serviceRate: mu as PerMinute,
      targetMinutes: (targetSeconds / 60) as Minutes,
      ...(theta !== undefined ? { patienceRate: theta as PerMinute } : {}),
    };

    if (values.staff) {
      if (values['target-seconds'] === undefined) throw new UsageError('--staff needs --target-seconds');
      const level = Number(values['service-level'] ?? '0.8');
      if (!(level > 0 && level <= 1)) throw new UsageError('--service-level must be in (0, 1]');
      const t = staffingTable({ ...common, serviceLevel: level });
      if (values.json) {
        console.log(
          JSON.stringify(
            { serviceLevelTarget: level, targetSeconds, staff: t.staff, rows: t.rows.map(toJson) },
            null,
            2,
          ),
        );
      } else {
        console.log(`Target: ${(level * 100).toFixed(0)}% served within ${targetSeconds} s`);
        console.log('staff  P(wait)  mean wait (s)  served wait (s)  within target  occupancy  abandon');
        for (const r of t.rows)
          console.log(
            `${String(r.servers).padStart(5)}  ${f(r.pWait, 4).padStart(7)}  ${f(r.waitMinutes * 60, 2).padStart(13)}  ${f(r.servedWaitMinutes * 60, 2).padStart(15)}  ${f(r.serviceLevel, 4).padStart(13)}  ${f(r.occupancy, 4).padStart(9)}  ${f(r.abandonRate, 4).padStart(7)}`,
          );
        console.log(
          t.staff === null
            ? 'No staffing up to 10000 meets the target.'
            : `Fewest staff meeting the target: ${t.staff}`,
        );
      }
      return t.staff === null ? EXIT.failure : EXIT.ok;
    }

    if (values.servers === undefined) throw new UsageError('--servers is required (or use --staff)');
    const c = Number(values.servers);
    if (!Number.isInteger(c) || c < 1 || c > 100_000)
      throw new UsageError('--servers must be an integer from 1 to 100000');
    const m = queueMetrics({ ...common, servers: c });
    if (values.json) console.log(JSON.stringify(toJson(m), null, 2));
    else {
      console.log(
        `${m.model}  λ=${lambda}/min  μ=${mu}/min  c=${c}${theta ? `  θ=${theta}/min` : ''}  load ${f(m.offeredLoad, 3)} Erlangs`,
      );
      if (!m.stable) console.log('Unstable: arrivals reach or exceed capacity; queues grow without bound.');
      console.log(`P(wait)        ${f(m.pWait, 6)}`);
      console.log(`mean wait      ${f(m.waitMinutes, 6)} min (all arrivals)`);
      console.log(`served wait    ${f(m.servedWaitMinutes, 6)} min (customers who are served)`);
      console.log(`service level  ${f(m.serviceLevel, 6)} served within ${targetSeconds} s`);
      console.log(`abandon rate   ${f(m.abandonRate, 6)}`);
      console.log(`occupancy      ${f(m.occupancy, 6)}`);
    }
    return EXIT.ok;
  },
});
