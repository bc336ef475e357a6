import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { type Config, DATA_FILES } from './config';
import { type Database, migrateToLatest, openDatabase } from './db/database';
import { AnswerCache } from './http/answer-cache';
import { registerProblemHandlers } from './http/problem';
import { rateLimitsOf, registerRateLimits } from './http/rate-limits';
import { registerSecurityHeaders } from './http/security-headers';
import { serializerCompiler } from './http/serializer';
import { registerSessionGuard } from './http/session';
import { webApp } from './http/web-app';
import { type Clock, SettableClock, systemClock } from './lib/clock';
import { createFieldCipher, deriveKey } from './lib/crypto';
import { diskFileStore, type FileStore } from './lib/files';
import { type JobQueue, jobQueueFor } from './lib/jobs';
import { argon2Hasher, type PasswordHasher } from './lib/passwords';
import { Changes, Guard } from './modules/access/guard';
import { AuditLogService } from './modules/audit/audit-log.service';
import { AuditService, auditKeys } from './modules/audit/audit.service';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { AttachmentsService } from './modules/complaints/attachments.service';
import { complainantIndexOf } from './modules/complaints/complainant-index';
import { ComplainantIndexService } from './modules/complaints/complainant-index.service';
import { ComplaintCase } from './modules/complaints/complaint-case';
import { ComplaintCodesService } from './modules/complaints/complaint-codes.service';
import { refreshForwarding } from './modules/complaints/forwarding';
import { ComplaintImportService } from './modules/complaints/complaint-import.service';
import { ComplaintStepsService } from './modules/complaints/complaint-steps.service';
import { ComplaintTasksService } from './modules/complaints/complaint-tasks.service';
import { complaintsRoutes } from './modules/complaints/complaints.routes';
import { ComplaintsService } from './modules/complaints/complaints.service';
import { DecisionNoticeService } from './modules/complaints/decision-notice.service';
import { DueReminderScheduler } from './modules/complaints/notifications.scheduler';
import { NotificationsService } from './modules/complaints/notifications.service';
import { complaintInsightsRoutes } from './modules/complaints/insights.routes';
import { ComplaintInsightsService } from './modules/complaints/insights.service';
import { PreventionService } from './modules/complaints/prevention.service';
import { coachingRoutes } from './modules/coaching/coaching.routes';
import { DrillsService } from './modules/coaching/drills.service';
import { ScriptsService } from './modules/coaching/scripts.service';
import { TenQuestionsService } from './modules/coaching/ten-questions.service';
import { AuthService } from './modules/auth/auth.service';
import { homeRoutes } from './modules/home/home.routes';
import { HomeService } from './modules/home/home.service';
import { healthRoutes, metaRoutes, VERSION } from './modules/meta/meta.routes';
import { MetaService } from './modules/meta/meta.service';
import { InProcessLobbyBus, type LobbyBus, PgLobbyBus } from './modules/lobby/lobby.bus';
import { Lobby } from './modules/lobby/lobby';
import { lobbyRoutes } from './modules/lobby/lobby.routes';
import { rosterOnShift } from './modules/lobby/prompts/on-shift';
import { ticketImportRoutes } from './modules/lobby/ticket-import/ticket-import.routes';
import { TicketImportService } from './modules/lobby/ticket-import/ticket-import.service';
import { orgRoutes } from './modules/org/org.routes';
import { planningRoutes } from './modules/planning/planning.routes';
import { PlanningService } from './modules/planning/planning.service';
import {
  forecastStep,
  type PlanningSteps,
  requirementStep,
  rosterStep,
  runStarter,
} from './modules/planning/planning.steps';
import { OrgService } from './modules/org/org.service';
import { testClockRoutes } from './modules/test-clock/test-clock.routes';
import { usersRoutes } from './modules/users/users.routes';
import { rosterRoutes } from './modules/roster/roster.routes';
import { RosterService } from './modules/roster/roster.service';
import { RosterRulesService } from './modules/roster/roster-rules.service';
import { defaultRosterChecker, defaultRosterSolver } from './modules/roster/roster.engine';
import type { RosterSolver } from './modules/roster/roster.solver';
import { staffingRequirement } from './modules/roster/roster.requirement';
import { RequirementPool } from './modules/staffing/requirement.pool';
import { staffingRoutes } from './modules/staffing/staffing.routes';
import { StaffingService } from './modules/staffing/staffing.service';
import { IntradayService } from './modules/staffing/intraday.service';
import { UsersService } from './modules/users/users.service';

export interface AppOptions {
  config: Config;
  /** an open database; when absent the app opens `config.database` and closes it on shutdown */
  database?: Database;
  clock?: Clock;
  hasher?: PasswordHasher;
  /** run migrations on start (default true) */
  migrate?: boolean;
  /** where uploaded files go; default: `<dataDir>/attachments` on disk */
  files?: FileStore;
  /** live-lobby change notifications; default: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite */
  lobbyBus?: LobbyBus;
  /** the roster solver; default: HiGHS in a worker thread (lib/roster-solver) */
  rosterSolver?: RosterSolver;
  /** background jobs; default: pg-boss on PostgreSQL (config.database), in-process on SQLite */
  jobs?: JobQueue;
  /** planning steps replacing the built-in ones (tests); null: the step is skipped */
  planningSteps?: Partial<PlanningSteps>;
}

export interface Services {
  audit: AuditService;
  auditLog: AuditLogService;
  home: HomeService;
  meta: MetaService;
  auth: AuthService;
  complaintCase: ComplaintCase;
  complainantIndex: ComplainantIndexService;
  complaints: ComplaintsService;
  complaintSteps: ComplaintStepsService;
  decisionNotices: DecisionNoticeService;
  complaintTasks: ComplaintTasksService;
  complaintCodes: ComplaintCodesService;
  complaintImport: ComplaintImportService;
  notifications: NotificationsService;
  attachments: AttachmentsService;
  complaintInsights: ComplaintInsightsService;
  prevention: PreventionService;
  scripts: ScriptsService;
  drills: DrillsService;
  tenQuestions: TenQuestionsService;
  lobby: Lobby;
  ticketImport: TicketImportService;
  org: OrgService;
  users: UsersService;
  rosterRules: RosterRulesService;
  rosters: RosterService;
  jobs: JobQueue;
  planning: PlanningService;
  staffing: StaffingService;
  intraday: IntradayService;
  /** the worker thread of the staffing requirement's simulations (closed with the app) */
  requirementPool: RequirementPool;
}

/** Uploaded files under the data directory (or `root`), encrypted with the attachments key. */
export function attachmentStore(
  config: Pick<Config, 'secretKey' | 'dataDir'>,
  root = join(config.dataDir, DATA_FILES.attachments),
): FileStore {
  return diskFileStore(root, deriveKey(config.secretKey, 'attachments'));
}

export function createServices(
  database: Database,
  config: Config,
  clock: Clock,
  hasher: PasswordHasher,
  files: FileStore = attachmentStore(config),
  lobbyBus: LobbyBus = new InProcessLobbyBus(),
  rosterSolver: RosterSolver = defaultRosterSolver,
  jobs: JobQueue = jobQueueFor(database, config),
  planningSteps: Partial<PlanningSteps> = {},
): Services {
  const { db, dialect } = database;
  const cipher = createFieldCipher(config.secretKey);
  const audit = new AuditService(dialect, clock, auditKeys(config));
  const guard = new Guard(db);
  const changes = new Changes(db, clock, audit);
  const auth = new AuthService(db, clock, hasher, changes, {
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    loginMaxFailures: config.loginMaxFailures,
    loginLockMinutes: config.loginLockMinutes,
    loginLockMaxMinutes: config.loginLockMaxMinutes,
  });
  const index = complainantIndexOf(config.secretKey);
  const complaintCase = new ComplaintCase(db, guard, clock, cipher, index);
  const complaintDeps = { db, clock, guard, changes, cases: complaintCase };
  const complaints = new ComplaintsService(complaintDeps);
  const rosterRules = new RosterRulesService(db, guard, changes);
  const lobby = new Lobby(db, clock, guard, changes, lobbyBus, {
    pushIntervalMs: config.lobbyPushIntervalMs,
  });
  const requirementPool = new RequirementPool();
  // the forecast's fit off the event loop, in the pool's workers
  lobby.forecast.fitter = (input) => requirementPool.forecast(input);
  const staffing = new StaffingService(db, guard, lobby.recommend, requirementPool);
  const rosters = new RosterService(
    db,
    clock,
    guard,
    changes,
    rosterRules,
    rosterSolver,
    defaultRosterChecker,
    staffingRequirement(db, staffing),
  );
  // the elastic-window prompt asks who is on shift on the published roster (docs/staffing.md)
  lobby.prompts.useElastic({ forecast: lobby.forecast, onShift: rosterOnShift(db, rosters) });
  const steps: PlanningSteps = {
    forecast: forecastStep(lobby.forecast, clock),
    requirement: requirementStep(staffing),
    roster: rosterStep(rosters, runStarter(db)),
    ...planningSteps,
  };
  return {
    audit,
    auditLog: new AuditLogService(db, audit, guard),
    home: new HomeService(db, clock),
    meta: new MetaService(db, dialect),
    auth,
    complaintCase,
    complainantIndex: new ComplainantIndexService(db, changes, cipher, index),
    complaints,
    complaintSteps: new ComplaintStepsService(changes, complaintCase),
    decisionNotices: new DecisionNoticeService(complaintDeps, config.pdfFontPath),
    complaintTasks: new ComplaintTasksService(complaintDeps),
    complaintCodes: new ComplaintCodesService(db, guard, changes, clock),
    complaintImport: new ComplaintImportService(complaintDeps),
    notifications: new NotificationsService(db, clock, changes),
    attachments: new AttachmentsService(db, clock, changes, complaintCase, files, config.attachmentMaxBytes),
    complaintInsights: new ComplaintInsightsService(db, guard, clock),
    prevention: new PreventionService(db, clock, guard, changes),
    scripts: new ScriptsService(db, guard, changes),
    drills: new DrillsService(db, guard, changes),
    tenQuestions: new TenQuestionsService(db, guard, changes),
    lobby,
    ticketImport: new TicketImportService(db, clock, guard, changes),
    org: new OrgService(db, cipher, guard, changes),
    users: new UsersService(db, hasher, guard, changes, () => auth.cache.clear()),
    rosterRules,
    rosters,
    jobs,
    planning: new PlanningService(db, clock, guard, changes, jobs, steps, config.jobWorkers),
    staffing,
    requirementPool,
    intraday: new IntradayService(db, clock, guard, lobby.forecast),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    database: Database;
    /** when the complaint deadline reminders run (ticked every minute from the injected clock) */
    reminders: DueReminderScheduler;
    /** lists' answers as sent, by a key that names their data version (http/answer-cache.ts) */
    answers: AnswerCache;
  }
}

/** Builds a ready app (style.md #3): tests call `app.inject()`, main.ts calls `listen()`. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  // TEST_CLOCK=true: a clock the test route moves (config.ts refuses it in production unless told twice)
  const clock = opts.clock ?? (config.testClock ? new SettableClock() : systemClock);
  const database = opts.database ?? openDatabase(config.database);
  if (opts.migrate !== false) await migrateToLatest(database.db, database.schema);
  const lobbyBus =
    opts.lobbyBus ??
    (database.dialect === 'postgres' && config.database.kind === 'postgres'
      ? new PgLobbyBus({ url: config.database.url, schema: database.schema })
      : new InProcessLobbyBus());
  if (lobbyBus instanceof PgLobbyBus) await lobbyBus.start();
  const services = createServices(
    database,
    config,
    clock,
    opts.hasher ?? argon2Hasher,
    opts.files,
    lobbyBus,
    opts.rosterSolver,
    opts.jobs,
    opts.planningSteps,
  );

  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
  });
  services.lobby.onError = (err) => app.log.error({ err }, 'live lobby');
  services.audit.onCheckpointError = (err) => app.log.error({ err }, 'audit checkpoint');
  const reminders = new DueReminderScheduler((now, scope) =>
    services.notifications.generateDueNotifications(now, scope),
  );
  app.decorate('services', services);
  app.decorate('reminders', reminders);
  app.decorate('database', database);
  app.decorate('answers', new AnswerCache(config.answerCacheBytes));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = config.webDist && existsSync(join(config.webDist, 'index.html')) ? config.webDist : null;
  const web = webDist ? webApp(webDist, config.cookieSecure) : null;
  registerProblemHandlers(app, { spaFallback: web?.sendPage ?? null });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 5 },
  });
  await registerRateLimits(app, rateLimitsOf(config));
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Liangdian API',
        description:
          'Featured service outlets: organisation, accounts, audit. Errors are application/problem+json.',
        version: VERSION,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ld_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list' },
    // Swagger UI's own policy, with the hashes of its inline scripts; never framed, no <base>
    staticCSP: true,
    transformStaticCSP: (csp) =>
      csp
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace("base-uri 'self'", "base-uri 'none'")
        // it sets styles inline as it renders; the docs page shows no data
        .replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'")
        .replace(/ ?upgrade-insecure-requests;/, config.cookieSecure ? ' upgrade-insecure-requests;' : ''),
  });
  registerSecurityHeaders(app, { secure: config.cookieSecure });

  registerSessionGuard(app, services.auth);
  await app.register(healthRoutes, { meta: services.meta });
  await app.register(
    async (api) => {
      await api.register(metaRoutes, { meta: services.meta });
      await api.register(authRoutes, {
        auth: services.auth,
        cookieSecure: config.cookieSecure,
      });
      await api.register(orgRoutes, { org: services.org });
      await api.register(usersRoutes, { users: services.users });
      await api.register(auditRoutes, { auditLog: services.auditLog });
      await api.register(homeRoutes, { home: services.home });
      await api.register(complaintsRoutes, {
        cases: services.complaintCase,
        complaints: services.complaints,
        steps: services.complaintSteps,
        tasks: services.complaintTasks,
        codes: services.complaintCodes,
        attachments: services.attachments,
        imports: services.complaintImport,
        notifications: services.notifications,
        notices: services.decisionNotices,
      });
      await api.register(lobbyRoutes, { lobby: services.lobby });
      await api.register(ticketImportRoutes, { ticketImport: services.ticketImport });
      await api.register(complaintInsightsRoutes, {
        insights: services.complaintInsights,
        prevention: services.prevention,
      });
      if (config.testClock && clock instanceof SettableClock)
        await api.register(testClockRoutes, { clock, reminders });
      await api.register(rosterRoutes, { rosters: services.rosters, rules: services.rosterRules });
      await api.register(planningRoutes, { planning: services.planning });
      await api.register(coachingRoutes, {
        scripts: services.scripts,
        drills: services.drills,
        tenQuestions: services.tenQuestions,
      });
      await api.register(staffingRoutes, { staffing: services.staffing, intraday: services.intraday });
    },
    { prefix: '/api/v1' },
  );

  if (web) await web.register(app);

  // Complaints written before their masked columns existed (0007): filled once, in the background;
  // then the complainant index, rebuilt when it was not built with the running key (0013, a
  // restored database, a new key).
  let masking: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    masking = services.complaintCase
      .fillMaskedColumns()
      .catch((err) => app.log.error({ err }, 'filling the masked complaint columns failed'))
      .then(() => services.complainantIndex.ensureCurrent())
      .then((r) => r?.complaints && app.log.warn(r, 'complainant index rebuilt'))
      .catch((err) => app.log.error({ err }, 'rebuilding the complainant index failed'));
  });
  app.addHook('onClose', async () => masking);
  // Regulator cases without their forwarding deadline (written before 0012, or by a writer that
  // does not set it): a few rows, set before the first request.
  app.addHook('onReady', async () => {
    await refreshForwarding(app.database.db, 'missing').catch((err) =>
      app.log.error({ err }, 'setting the forwarding deadlines failed'),
    );
  });

  // Complaint deadlines: the reminders' scheduler decides from the injected clock what is due (the
  // morning's run from 08:00 Beijing, then each hour's); the timer only asks it every minute.
  let dueRun: Promise<unknown> = Promise.resolve();
  const runDue = () => {
    dueRun = reminders.tick(clock.now()).catch((err) => app.log.error({ err }, 'due notifications failed'));
  };
  const dueTimer = setInterval(runDue, 60_000);
  dueTimer.unref();
  app.addHook('onReady', async () => runDue());
  app.addHook('onClose', async () => {
    clearInterval(dueTimer);
    await dueRun;
  });

  // Live lobby: backfill rules, prompt time-outs and mode changes at least every LOBBY_TICK_SECONDS.
  let lobbyRun: Promise<unknown> = Promise.resolve();
  const lobbyTimer = setInterval(() => {
    lobbyRun = lobbyRun
      .then(() => services.lobby.tick())
      .catch((err) => app.log.error({ err }, 'lobby tick failed'));
  }, config.lobbyTickSeconds * 1000);
  lobbyTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(lobbyTimer);
    services.lobby.close();
    await lobbyRun;
    if (!opts.lobbyBus) await lobbyBus.close();
  });

  app.addHook('onClose', async () => {
    services.rosters.close();
    await services.rosters.settle();
  });
  // Background jobs: this instance's workers start once the app is ready, and stop (the running
  // jobs given JOB_LEASE_SECONDS at most, else failed to be retried) before the database closes.
  if ('onError' in services.jobs)
    services.jobs.onError = (err: unknown) => app.log.error({ err }, 'job queue');
  app.addHook('onReady', async () => {
    await services.jobs.start();
    await services.planning.work();
  });
  app.addHook('onClose', async () => services.jobs.stop(Math.min(config.jobLeaseSeconds, 30) * 1000));

  app.addHook('onClose', async () => services.requirementPool.close());
  if (!opts.database) app.addHook('onClose', async () => database.close());
  await app.ready();
  return app;
}
