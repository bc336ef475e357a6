import { DomainError, loadConfig, orgRepository, titleFor } from '@liangdian/server';
import { command, EXIT, UsageError } from '../command';
import { withServices } from '../org-commands';

const HELP = `Usage: liangdian forecast --outlet CODE [--weeks N] [--json]

The arrivals forecast of an outlet (docs/forecast.md) from its ticket history (up to the last
16 weeks, to yesterday): per day, half hour and business type for the N coming weeks (1–8,
default 4), with an 80% band; the rolling-origin backtest of the seasonal-naive baseline and
the Poisson regression on day types (MASE, WAPE, band coverage), and which model is used, why.

Options:
  --outlet CODE   the outlet's code (e.g. LSW)
  --weeks N       weeks ahead, 1–8 (default 4)
  --json          the API's answer (GET /api/v1/outlets/:id/lobby/forecast) as JSON`;

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const forecastCommand = command({
  name: 'forecast',
  summary: "Forecast an outlet's arrivals for the coming weeks, with the backtest of both models",
  help: HELP,
  strings: ['outlet', 'weeks'],
  booleans: ['json'],
  async run(values) {
    if (!values.outlet) throw new UsageError('Give the outlet with --outlet CODE.');
    const weeks = Number(values.weeks ?? 4);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 8) throw new UsageError('--weeks must be 1–8.');
    return withServices(loadConfig(), async ({ database, services }) => {
      const outlet = await orgRepository.outletByCode(database.db, values.outlet!);
      if (!outlet) {
        console.error(`No outlet with the code ${values.outlet}.`);
        return EXIT.failure;
      }
      let f: Awaited<ReturnType<typeof services.lobby.forecast.present>>;
      try {
        f = await services.lobby.forecast.present(outlet.id, weeks);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'FORECAST_TOO_LITTLE_HISTORY') {
          console.error(titleFor(e.code, 'en-US', e.params));
          return EXIT.failure;
        }
        throw e;
      }
      if (values.json) {
        console.log(JSON.stringify(f));
        return EXIT.ok;
      }
      const [naive, poisson] = f.backtest.scores;
      console.log(
        `Forecast of ${values.outlet} from ${f.forecast.from} to ${f.forecast.to}, fitted on ${f.history.from}…${f.history.to}`,
      );
      console.log(
        `Backtest (${f.backtest.origins.length} weekly origins, ${f.backtest.horizonWeeks} week(s) ahead, per half hour and business type):`,
      );
      for (const s of [naive!, poisson!])
        console.log(
          `  ${s.model.padEnd(14)} WAPE ${pct(s.wape).padStart(6)}  MASE ${s.mase === null ? '–' : s.mase.toFixed(3)}  80% band held ${pct(s.coverage)}`,
        );
      console.log(
        `Used: ${f.used} — ${
          f.reason === 'lowerWape'
            ? `its WAPE is ${pct(1 - (poisson!.wape ?? 0) / (naive!.wape || 1))} lower than seasonal naive's`
            : 'the regression does not beat seasonal naive in the backtest'
        }`,
      );
      console.log(`\nday         type       total (80% band)   ${f.businessTypes.join(' ')}`);
      for (const d of f.forecast.days) {
        const t = d.dayType;
        const flags = [
          t.pension && 'pension',
          t.payday && 'payday',
          t.preHoliday && 'pre',
          t.postHoliday && 'post',
        ]
          .filter(Boolean)
          .join(',');
        const w = WEEKDAY[new Date(`${d.day}T00:00:00Z`).getUTCDay()];
        console.log(
          `${d.day} ${w} ${t.kind.padEnd(8)} ${d.total.mean.toFixed(0).padStart(5)} (${d.total.low}–${d.total.high})`.padEnd(
            40,
          ) + ` ${d.byType.map((b) => b.mean.toFixed(0)).join(' ')}${flags ? `  [${flags}]` : ''}`,
        );
      }
      return EXIT.ok;
    });
  },
});
