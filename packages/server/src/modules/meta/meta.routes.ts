import { POST_KINDS, STAFF_ROLES, USER_ROLES, ZONE_KINDS } from '@liangdian/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Dialect } from '../../db/schema';
import type { DB } from '../../db/types';
import * as meta from './meta.repository';

export const VERSION = '0.1.0';

export async function healthRoutes(app: FastifyInstance, opts: { db: Kysely<DB>; dialect: Dialect }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await meta.ping(opts.db);
      return { status: 'ok' as const, db: opts.dialect, version: VERSION };
    },
  );
}

export async function metaRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/meta',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'Version, demo flag and the code lists the UI needs',
        response: {
          200: z.object({
            version: z.string(),
            demo: z.boolean(),
            bankName: z.string(),
            zoneKinds: z.array(z.string()),
            postKinds: z.array(z.string()),
            staffRoles: z.array(z.string()),
            userRoles: z.array(z.string()),
          }),
        },
      },
    },
    async () => ({
      version: VERSION,
      demo: (await meta.get(opts.db, 'demo')) === '1',
      bankName: (await meta.get(opts.db, 'bank_name')) ?? '',
      zoneKinds: [...ZONE_KINDS],
      postKinds: [...POST_KINDS],
      staffRoles: [...STAFF_ROLES],
      userRoles: [...USER_ROLES],
    }),
  );
}
