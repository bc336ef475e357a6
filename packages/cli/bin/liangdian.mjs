#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, '../dist/main.js');
if (!existsSync(main)) {
  const { buildServer } = await import('../../../scripts/build.mjs');
  await buildServer();
}
const { runCli } = await import(main);
process.exitCode = await runCli(process.argv.slice(2));
