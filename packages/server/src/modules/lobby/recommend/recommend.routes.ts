import { lobbyRecommendApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { RecommendService } from './recommend.service';

export function recommendRoutes(app: FastifyInstance, recommend: RecommendService) {
  mount(app, lobbyRecommendApi, {
    recommendModes: ({ actor, params, body }) => recommend.recommend(actor, params.outletId, body),
  });
}
