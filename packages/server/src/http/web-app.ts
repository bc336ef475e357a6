import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendPage } from './security-headers';

export interface WebApp {
  /** sends the app's page, with a nonce of its own (`/` and every client-side route) */
  sendPage: (reply: FastifyReply) => FastifyReply;
  /** mounts the hashed bundles as files, and the page at `/` */
  register: (app: FastifyInstance) => Promise<void>;
}

/**
 * The built web app in `root`: its one page (index.html) is sent with a nonce of its own in the
 * page and in its policy, never as the file on disk. The files are read at start: restart the
 * server after rebuilding the web app.
 */
export function webApp(root: string, secure: boolean): WebApp {
  const page = readFileSync(join(root, 'index.html'), 'utf8');
  const send = (reply: FastifyReply) => sendPage(reply, page, secure);
  return {
    sendPage: send,
    register: async (app) => {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        globIgnore: ['index.html'],
        cacheControl: false,
        setHeaders: (reply, path) => {
          // Hashed bundles never change; the rest (icons) may change with a deploy.
          reply.header(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
      app.get('/', { schema: { hide: true } }, (_req, reply) => send(reply));
      app.get('/index.html', { schema: { hide: true } }, (_req, reply) => send(reply));
    },
  };
}
