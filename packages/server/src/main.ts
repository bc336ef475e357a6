import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { systemClock } from './lib/clock';
import { createFieldCipher } from './lib/crypto';
import { complainantIndexOf } from './modules/complaints/complainant-index';
import { argon2Hasher } from './lib/passwords';
import { hasData, loadDemo, type DemoSummary } from './modules/demo/demo.service';
import { auditKeys } from './modules/audit/audit.service';

export interface StartOptions {
  config: Config;
  demoIfEmpty?: boolean;
  log?: (line: string) => void;
}

/** Opens the database, migrates, loads the demo branch into an empty database if asked, and listens. */
export async function startServer(
  opts: StartOptions,
): Promise<{ app: FastifyInstance; url: string; demo: DemoSummary | null }> {
  const { config } = opts;
  const app = await buildApp({ config });
  const database = app.database;
  let demo: DemoSummary | null = null;
  if (opts.demoIfEmpty && !(await hasData(database.db))) {
    opts.log?.('Empty database: loading the demo branch (昆明分行)…');
    demo = await loadDemo({
      db: database.db,
      dialect: database.dialect,
      clock: systemClock,
      hasher: argon2Hasher,
      cipher: createFieldCipher(config.secretKey),
      index: complainantIndexOf(config.secretKey),
      auditKeys: auditKeys(config),
      password: config.demoPassword,
    });
  }
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://localhost:${port}`;

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    opts.log?.(`${signal}: closing (finishing requests in flight)…`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return { app, url, demo };
}
