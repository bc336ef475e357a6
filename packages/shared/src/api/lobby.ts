/**
 * The live lobby (量点, docs/lobby.md), one contract in parts: the ticket machine's side
 * (lobby-machine.ts), the board and the floor's commands (lobby-live.ts), the set-up and the
 * recommendation (lobby-setup.ts), the log and the replay (lobby-history.ts). The server mounts
 * each part beside the service of its concern; `lobbyApi` is all of them.
 */
import { lobbyCalibrationApi } from './lobby-calibration';
import { lobbyForecastApi } from './lobby-forecast';
import { lobbyHistoryApi } from './lobby-history';
import { lobbyLiveApi, lobbyPresenceApi, lobbyPromptsApi } from './lobby-live';
import { lobbyMachineApi } from './lobby-machine';
import { lobbyRecommendApi, lobbySetupApi } from './lobby-setup';

export * from './lobby-calibration';
export * from './lobby-forecast';
export * from './lobby-history';
export * from './lobby-live';
export * from './lobby-machine';
export * from './lobby-setup';

export const lobbyApi = {
  ...lobbyMachineApi,
  ...lobbyLiveApi,
  ...lobbyPresenceApi,
  ...lobbyPromptsApi,
  ...lobbySetupApi,
  ...lobbyRecommendApi,
  ...lobbyHistoryApi,
  ...lobbyCalibrationApi,
  ...lobbyForecastApi,
} as const;
