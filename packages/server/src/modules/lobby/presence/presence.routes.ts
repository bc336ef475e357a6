import { lobbyPresenceApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { PresenceService } from './presence.service';

export function presenceRoutes(app: FastifyInstance, presence: PresenceService) {
  mount(app, lobbyPresenceApi, {
    checkIn: ({ actor, params, body }) => presence.checkIn(actor, params.outletId, body.staffId, body.postId),
    checkOut: ({ actor, params, body }) =>
      presence.checkOut(actor, params.outletId, body.staffId, body.postId),
  });
}
