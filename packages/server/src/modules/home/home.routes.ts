import { homeApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { HomeService } from './home.service';

export async function homeRoutes(app: FastifyInstance, opts: { home: HomeService }) {
  mount(app, homeApi, { home: ({ actor, locale }) => opts.home.home(actor, locale) });
}
