import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../http/export';
import { requestLocale } from '../../http/problem';
import { actorOf } from '../../http/session';
import { pageSchema } from '../../lib/paging';
import {
  BackfillRulesPut,
  BatchResult,
  LobbyView,
  LogQuery,
  LogView,
  ModeOverride,
  ModePlan,
  PresenceBody,
  RecommendBody,
  RecommendView,
  ReplayQuery,
  ReplayView,
  SettingsPut,
  SettingsView,
  TicketBatch,
  TokenCreate,
  TokenCreated,
  TokenListQuery,
  TokenView,
} from './lobby.schemas';
import type { LobbyService } from './lobby.service';

const tags = ['lobby'];
const OutletParams = z.object({ outletId: z.string().min(1).max(64) });
const TokenParams = OutletParams.extend({ tokenId: z.string().min(1).max(64) });
const PromptParams = OutletParams.extend({ promptId: z.string().min(1).max(64) });

export async function lobbyRoutes(app: FastifyInstance, opts: { lobby: LobbyService; heartbeatMs?: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { lobby } = opts;
  const base = '/outlets/:outletId';

  // ------------------------------------------------------------ ticket machine (machine token, no session)
  r.post(
    `${base}/ticket-events`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A batch of up to 1,000 ticket-machine events (Authorization: Bearer <machine token>)',
        params: OutletParams,
        body: TicketBatch,
        response: { 200: BatchResult },
      },
    },
    async (req) =>
      lobby.ingest(req.headers.authorization, req.params.outletId, req.body.events, requestLocale(req)),
  );

  // ------------------------------------------------------------ machine tokens
  r.get(
    `${base}/machine-tokens`,
    {
      schema: {
        tags,
        summary: 'Ticket-machine tokens of the outlet',
        params: OutletParams,
        querystring: TokenListQuery,
        response: { 200: pageSchema(TokenView) },
      },
    },
    async (req) => lobby.listTokens(actorOf(req), req.params.outletId, req.query),
  );
  r.get(
    `${base}/machine-tokens/export.xlsx`,
    { schema: { tags, summary: 'Tokens as .xlsx', params: OutletParams, querystring: TokenListQuery } },
    async (req, reply) => {
      const rows = await lobby.exportTokens(actorOf(req), req.params.outletId, req.query);
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '叫号机令牌', 'en-US': 'Machine tokens' },
        [
          { header: { 'zh-CN': '名称', 'en-US': 'Name' }, value: (t) => t.name, width: 20 },
          { header: { 'zh-CN': '前缀', 'en-US': 'Prefix' }, value: (t) => t.prefix, width: 12 },
          { header: { 'zh-CN': '创建时间', 'en-US': 'Created' }, value: (t) => t.createdAt, width: 24 },
          { header: { 'zh-CN': '最近使用', 'en-US': 'Last used' }, value: (t) => t.lastUsedAt, width: 24 },
          { header: { 'zh-CN': '吊销时间', 'en-US': 'Revoked' }, value: (t) => t.revokedAt, width: 24 },
        ],
        rows,
      );
    },
  );
  r.post(
    `${base}/machine-tokens`,
    {
      schema: {
        tags,
        summary: 'Create a token (shown once)',
        params: OutletParams,
        body: TokenCreate,
        response: { 201: TokenCreated },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await lobby.createToken(actorOf(req), req.params.outletId, req.body.name)),
  );
  r.post(
    `${base}/machine-tokens/:tokenId/revoke`,
    { schema: { tags, summary: 'Revoke a token', params: TokenParams, response: { 200: TokenView } } },
    async (req) => lobby.revokeToken(actorOf(req), req.params.outletId, req.params.tokenId),
  );

  // ------------------------------------------------------------ settings, plan, rules
  r.get(
    `${base}/lobby/settings`,
    {
      schema: {
        tags,
        summary: 'Service-level target',
        params: OutletParams,
        response: { 200: SettingsView },
      },
    },
    async (req) => lobby.getSettings(actorOf(req), req.params.outletId),
  );
  r.put(
    `${base}/lobby/settings`,
    {
      schema: {
        tags,
        summary: 'Set the service-level target and prompt time-out',
        params: OutletParams,
        body: SettingsPut,
        response: { 200: SettingsView },
      },
    },
    async (req) => lobby.putSettings(actorOf(req), req.params.outletId, req.body),
  );
  r.get(
    `${base}/mode-plan`,
    {
      schema: {
        tags,
        summary: 'Weekly mode plan (7 × 48 half hours)',
        params: OutletParams,
        response: { 200: ModePlan },
      },
    },
    async (req) => lobby.getModePlan(actorOf(req), req.params.outletId),
  );
  r.put(
    `${base}/mode-plan`,
    {
      schema: {
        tags,
        summary: 'Replace the mode plan',
        params: OutletParams,
        body: ModePlan,
        response: { 200: ModePlan },
      },
    },
    async (req) => lobby.putModePlan(actorOf(req), req.params.outletId, req.body),
  );
  r.post(
    `${base}/mode-plan/recommend`,
    {
      schema: {
        tags,
        summary: 'Both modes per half hour of a weekday, simulated on the outlet (the user then PUTs a plan)',
        params: OutletParams,
        body: RecommendBody,
        response: { 200: RecommendView },
      },
    },
    async (req) => lobby.recommend(actorOf(req), req.params.outletId, req.body),
  );
  r.get(
    `${base}/backfill-rules`,
    {
      schema: { tags, summary: 'Backfill rules', params: OutletParams, response: { 200: BackfillRulesPut } },
    },
    async (req) => lobby.getRules(actorOf(req), req.params.outletId),
  );
  r.put(
    `${base}/backfill-rules`,
    {
      schema: {
        tags,
        summary: 'Replace the backfill rules (ordered)',
        params: OutletParams,
        body: BackfillRulesPut,
        response: { 200: BackfillRulesPut },
      },
    },
    async (req) => lobby.putRules(actorOf(req), req.params.outletId, req.body),
  );

  // ------------------------------------------------------------ the live lobby
  r.get(
    `${base}/lobby`,
    { schema: { tags, summary: 'The lobby now', params: OutletParams, response: { 200: LobbyView } } },
    async (req) => lobby.view(actorOf(req), req.params.outletId),
  );
  for (const action of ['check-in', 'check-out'] as const) {
    r.post(
      `${base}/lobby/${action}`,
      {
        schema: {
          tags,
          summary: action === 'check-in' ? 'Check a staff member in at a post' : 'Check a staff member out',
          params: OutletParams,
          body: PresenceBody,
          response: { 200: LobbyView },
        },
      },
      async (req) =>
        action === 'check-in'
          ? lobby.checkIn(actorOf(req), req.params.outletId, req.body.staffId, req.body.postId)
          : lobby.checkOut(actorOf(req), req.params.outletId, req.body.staffId, req.body.postId),
    );
  }
  r.post(
    `${base}/lobby/mode`,
    {
      schema: {
        tags,
        summary: 'Override the mode (or "plan" to return to the plan)',
        params: OutletParams,
        body: ModeOverride,
        response: { 200: LobbyView },
      },
    },
    async (req) => lobby.overrideMode(actorOf(req), req.params.outletId, req.body),
  );
  for (const answer of ['ack', 'decline'] as const) {
    r.post(
      `${base}/lobby/prompts/:promptId/${answer}`,
      {
        schema: {
          tags,
          summary: answer === 'ack' ? 'Acknowledge a prompt' : 'Decline a prompt',
          params: PromptParams,
          response: { 200: LobbyView },
        },
      },
      async (req) => lobby.answerPrompt(actorOf(req), req.params.outletId, req.params.promptId, answer),
    );
  }
  r.get(
    `${base}/lobby/log`,
    {
      schema: {
        tags,
        summary: 'The lobby log of a day',
        params: OutletParams,
        querystring: LogQuery,
        response: { 200: pageSchema(LogView) },
      },
    },
    async (req) => lobby.listLog(actorOf(req), req.params.outletId, req.query),
  );
  r.get(
    `${base}/lobby/log/export.xlsx`,
    { schema: { tags, summary: 'The lobby log as .xlsx', params: OutletParams, querystring: LogQuery } },
    async (req, reply) => {
      const rows = await lobby.exportLog(actorOf(req), req.params.outletId, req.query);
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '厅堂日志', 'en-US': 'Lobby log' },
        [
          { header: { 'zh-CN': '时间', 'en-US': 'Time' }, value: (l) => l.at, width: 24 },
          { header: { 'zh-CN': '类别', 'en-US': 'Kind' }, value: (l) => l.kind, width: 16 },
          { header: { 'zh-CN': '操作人', 'en-US': 'By' }, value: (l) => l.actorName, width: 14 },
          {
            header: { 'zh-CN': '内容', 'en-US': 'Message' },
            value: (l) => (zh ? l.messageZh : l.messageEn),
            width: 60,
          },
        ],
        rows,
      );
    },
  );
  r.get(
    `${base}/lobby/replay`,
    {
      schema: {
        tags,
        summary: "A day's timeline (per 1 or 5 minutes)",
        params: OutletParams,
        querystring: ReplayQuery,
        response: { 200: ReplayView },
      },
    },
    async (req) => lobby.replay(actorOf(req), req.params.outletId, req.query.date, req.query.step),
  );

  // ------------------------------------------------------------ live push (Server-Sent Events)
  const streams = new Set<ServerResponse>();
  r.get(
    `${base}/lobby/stream`,
    {
      schema: {
        tags,
        summary: 'The lobby as Server-Sent Events (event "lobby"; event "ping" every 20 s)',
        params: OutletParams,
      },
    },
    async (req, reply) => {
      const first = await lobby.view(actorOf(req), req.params.outletId); // 404 outside the scope
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      const send = (view: unknown) => res.write(`event: lobby\ndata: ${JSON.stringify(view)}\n\n`);
      send(first);
      const unsubscribe = lobby.subscribe(req.params.outletId, send);
      // A named event (not a comment), so that a page can tell a live but quiet stream from a dead one.
      const ping = setInterval(
        () => res.write(`event: ping\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`),
        opts.heartbeatMs ?? 20_000,
      );
      ping.unref();
      streams.add(res);
      res.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        streams.delete(res);
      });
    },
  );
  // Open streams never end by themselves: end them so that the server can close.
  app.addHook('preClose', async () => {
    lobby.close();
    for (const s of streams) s.end();
  });
}
