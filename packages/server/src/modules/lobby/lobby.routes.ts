import type { FastifyInstance } from 'fastify';
import { calibrationRoutes } from './calibration/calibration.routes';
import { forecastRoutes } from './forecast/forecast.routes';
import { historyRoutes } from './history/history.routes';
import { liveRoutes } from './live/live.routes';
import type { Lobby } from './lobby';
import { machineRoutes } from './machine/machine.routes';
import { presenceRoutes } from './presence/presence.routes';
import { promptsRoutes } from './prompts/prompts.routes';
import { recommendRoutes } from './recommend/recommend.routes';
import { setupRoutes } from './setup/setup.routes';

/** Every route of the live lobby, each concern's beside its service (contract: shared/api/lobby*.ts). */
export async function lobbyRoutes(app: FastifyInstance, opts: { lobby: Lobby; heartbeatMs?: number }) {
  const { lobby } = opts;
  machineRoutes(app, lobby.machine);
  liveRoutes(app, lobby.live, opts.heartbeatMs);
  presenceRoutes(app, lobby.presence);
  setupRoutes(app, lobby.setup);
  promptsRoutes(app, lobby.prompts);
  recommendRoutes(app, lobby.recommend);
  historyRoutes(app, lobby.history);
  calibrationRoutes(app, lobby.calibration);
  forecastRoutes(app, lobby.forecast);
}
