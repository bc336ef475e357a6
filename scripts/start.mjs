#!/usr/bin/env node
// `npm start`: builds what is missing, then `liangdian serve --demo-if-empty` on PORT (8080).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, buildWeb } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stale = (out, ...srcs) => !existsSync(out) || srcs.some((s) => newest(s) > statSync(out).mtimeMs);

const pkgs = join(root, 'packages');
if (
  stale(
    join(pkgs, 'cli/dist/main.js'),
    ...['cli', 'server', 'engine', 'shared'].map((p) => join(pkgs, p, 'src')),
  )
) {
  console.log('Building the server…');
  await buildServer();
}
if (stale(join(pkgs, 'web/dist/index.html'), join(pkgs, 'web/src'), join(pkgs, 'shared/src'))) {
  console.log('Building the web app (first start only; about a minute)…');
  buildWeb();
}
const child = spawn(
  process.execPath,
  [join(pkgs, 'cli/bin/liangdian.mjs'), 'serve', '--demo-if-empty', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
