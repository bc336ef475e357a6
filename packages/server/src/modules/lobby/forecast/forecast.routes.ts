import { lobbyForecastApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { ForecastService } from './forecast.service';

export function forecastRoutes(app: FastifyInstance, forecast: ForecastService) {
  mount(app, lobbyForecastApi, {
    lobbyForecast: ({ actor, params, query }) => forecast.forecast(actor, params.outletId, query.weeks),
  });
}
