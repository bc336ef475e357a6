import type { ServerResponse } from 'node:http';
import { type LobbyView, lobbyLiveApi } from '@liangdian/shared/api';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { mount } from '../../../http/route';
import type { LiveLobby } from './live-state';

/** The board: `GET …/lobby`, and live as Server-Sent Events at `…/lobby/stream`. */
export function liveRoutes(app: FastifyInstance, live: LiveLobby, heartbeatMs = 20_000) {
  const streams = new Set<ServerResponse>();
  mount(app, lobbyLiveApi, {
    getLobby: ({ actor, params }) => live.view(actor, params.outletId),
    lobbyStream: async ({ actor, params, reply }) => {
      const first = await live.view(actor, params.outletId); // 404 outside the scope
      const res = openEventStream(reply);
      const send = (view: LobbyView) => res.write(`event: lobby\ndata: ${JSON.stringify(view)}\n\n`);
      send(first);
      const unsubscribe = live.subscribe(params.outletId, send);
      // A named event (not a comment), so that a page can tell a live but quiet stream from a dead one.
      const ping = setInterval(
        () => res.write(`event: ping\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`),
        heartbeatMs,
      );
      ping.unref();
      streams.add(res);
      res.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        streams.delete(res);
      });
    },
  });
  // Open streams never end by themselves: end them so that the server can close.
  app.addHook('preClose', async () => {
    live.close();
    for (const s of streams) s.end();
  });
}

/** Takes the response over from Fastify and starts an event stream on it. */
function openEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  return res;
}
