import { metaApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { MetaService } from './meta.service';

export { VERSION } from './meta.service';

/** `GET /api/health`, outside /api/v1 (mounted on the root). */
export async function healthRoutes(app: FastifyInstance, opts: { meta: MetaService }) {
  mount(app, { health: metaApi.health }, { health: () => opts.meta.health() });
}

/** `GET /api/v1/meta`. */
export async function metaRoutes(app: FastifyInstance, opts: { meta: MetaService }) {
  mount(app, { meta: metaApi.meta }, { meta: () => opts.meta.read() });
}
