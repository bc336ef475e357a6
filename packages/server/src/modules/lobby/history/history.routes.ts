import { lobbyHistoryApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { HistoryService } from './history.service';
import { lobbyLogSheet } from './history.sheets';

export function historyRoutes(app: FastifyInstance, history: HistoryService) {
  mount(app, lobbyHistoryApi, {
    listLobbyLog: {
      list: ({ actor, params, query }) => history.listLog(actor, params.outletId, query),
      sheet: lobbyLogSheet,
    },
    lobbyReplay: ({ actor, params, query }) => history.replay(actor, params.outletId, query.date, query.step),
  });
}
