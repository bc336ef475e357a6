import { loadConfig, orgRepository } from '@liangdian/server';
import { command, EXIT, UsageError } from '../command';
import { withServices } from '../org-commands';

const HELP = `Usage: liangdian requirement --outlet CODE --from YYYY-MM-DD [--days N] [--json]

The staffing requirement of an outlet (docs/staffing.md): per day and half hour, the fewest
people each zone and the two fixed posts (迎宾位 welcome, 超柜位 super-counter) need to meet the
outlet's service target — by Erlang (the fast path) and by simulating the whole day (queues
carry over), both printed, "*" where they differ.

Options:
  --outlet CODE     the outlet's code (e.g. LSW)
  --from DATE       the first day (Beijing), YYYY-MM-DD
  --days N          days from --from, 1–14 (default 7)
  --json            the API's answer (GET /api/v1/outlets/:id/staffing/requirement) as JSON`;

export const requirementCommand = command({
  name: 'requirement',
  summary: 'People per half hour for each zone and fixed post: Erlang and the whole-day simulation',
  help: HELP,
  strings: ['outlet', 'from', 'days'],
  booleans: ['json'],
  async run(values) {
    if (!values.outlet) throw new UsageError('Give the outlet with --outlet CODE.');
    const from = values.from ?? '';
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(from) ||
      new Date(`${from}T00:00:00Z`).toISOString().slice(0, 10) !== from
    )
      throw new UsageError('Give the first day with --from YYYY-MM-DD.');
    const days = Number(values.days ?? 7);
    if (!Number.isInteger(days) || days < 1 || days > 14) throw new UsageError('--days must be 1–14.');
    return withServices(loadConfig(), async ({ database, services }) => {
      const outlet = await orgRepository.outletByCode(database.db, values.outlet!);
      if (!outlet) {
        console.error(`No outlet with the code ${values.outlet}.`);
        return EXIT.failure;
      }
      try {
        const r = await services.staffing.requirementFor(outlet.id, from, days);
        if (values.json) {
          console.log(JSON.stringify(r));
          return EXIT.ok;
        }
        const names = [...r.zones.map((z) => z.name), '迎宾位', ...(r.superCounterZone ? ['超柜位'] : [])];
        console.log(
          `Requirement of ${values.outlet} from ${r.from} to ${r.to}: ${(r.serviceLevelTarget * 100).toFixed(0)}% within ${r.targetWaitMinutes} min (Erlang/simulated, * differs)`,
        );
        for (const d of r.days) {
          console.log(
            `\n${d.day} (${d.source}${d.calibrated ? ', calibrated' : ''}) ${d.differences} half hours differ${d.met ? '' : ', target missed somewhere'}`,
          );
          console.log(
            `  ${'slot'.padEnd(12)}${'mode'.padEnd(10)}${names.map((n) => n.padEnd(10)).join('')}total`,
          );
          for (const s of d.slots) {
            const cells = [...s.zones, s.welcome, ...(s.superCounter ? [s.superCounter] : [])].map((c) =>
              `${c.erlang ?? '-'}/${c.simulated}${c.differs ? '*' : ''}`.padEnd(10),
            );
            console.log(
              `  ${`${s.start}-${s.end}`.padEnd(12)}${s.mode.padEnd(10)}${cells.join('')}${s.total.erlang ?? '-'}/${s.total.simulated}`,
            );
          }
        }
        return EXIT.ok;
      } finally {
        await services.requirementPool.close();
      }
    });
  },
});
