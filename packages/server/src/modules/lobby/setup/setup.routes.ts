import { lobbySetupApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { SetupService } from './setup.service';

export function setupRoutes(app: FastifyInstance, setup: SetupService) {
  mount(app, lobbySetupApi, {
    getLobbySettings: ({ actor, params }) => setup.getSettings(actor, params.outletId),
    putLobbySettings: ({ actor, params, body }) => setup.putSettings(actor, params.outletId, body),
    getModePlan: ({ actor, params }) => setup.getModePlan(actor, params.outletId),
    putModePlan: ({ actor, params, body }) => setup.putModePlan(actor, params.outletId, body),
    overrideMode: ({ actor, params, body }) => setup.overrideMode(actor, params.outletId, body),
    getBackfillRules: ({ actor, params }) => setup.getRules(actor, params.outletId),
    putBackfillRules: ({ actor, params, body }) => setup.putRules(actor, params.outletId, body),
  });
}
