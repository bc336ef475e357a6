#!/usr/bin/env node
// Builds what `npm start` and the `liangdian` command run:
//   --server  bundles the CLI (which contains the server) and the simulation worker with esbuild,
//             and builds @liangdian/engine's dist/ (what its package.json `exports` point at)
//   --engine  only the engine's dist/
//   --web     builds the web app with Vite into packages/web/dist
// With no flag, both. Workspace packages are bundled from their TypeScript sources;
// every npm dependency stays external and is loaded from node_modules at run time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const all = !args.has('--server') && !args.has('--web') && !args.has('--engine');

/** Leaves every npm dependency external (loaded from node_modules at run time); workspace packages are bundled. */
const externaliseNpmDependencies = {
  name: 'externalise-npm-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (a) =>
      a.path.startsWith('@liangdian/') ? undefined : { path: a.path, external: true },
    );
  },
};

/** The esbuild options of every bundle made from the workspace's TypeScript sources: Node 20 ESM. */
export const fromSources = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['@liangdian/source'],
  logLevel: 'warning',
  plugins: [externaliseNpmDependencies],
};

/**
 * @liangdian/engine as a package others import without the `@liangdian/source` condition: its
 * `exports` default to dist/index.js and dist/time/beijing.js, built here as ES modules for Node 20
 * (zod, its one dependency, stays external). `npm ci` runs the root `prepare` script, which calls
 * this through buildServer, so the files exist after `npm ci`.
 */
export async function buildEngine() {
  const esbuild = await import('esbuild');
  const src = join(root, 'packages/engine/src');
  await esbuild.build({
    ...fromSources,
    entryPoints: { index: join(src, 'index.ts'), 'time/beijing': join(src, 'time/beijing.ts') },
    outdir: join(root, 'packages/engine/dist'),
    sourcemap: true,
  });
}

export async function buildServer() {
  await buildEngine();
  const esbuild = await import('esbuild');
  const cliSrc = join(root, 'packages/cli/src');
  const entryPoints = { main: join(cliSrc, 'main.ts') };
  const worker = join(cliSrc, 'sim-worker.ts');
  if (existsSync(worker)) entryPoints['sim-worker'] = worker;
  // the staffing requirement's worker thread (packages/server/src/modules/staffing/requirement.pool.ts)
  entryPoints['requirement-worker'] = join(
    root,
    'packages/server/src/modules/staffing/requirement.worker.ts',
  );
  await esbuild.build({
    ...fromSources,
    entryPoints,
    outdir: join(root, 'packages/cli/dist'),
    sourcemap: true,
  });
}

/**
 * Bundles `contents` (a TypeScript entry whose imports are relative to the repository root) as
 * node_modules/.cache/liangdian-bench/<name>, inside the repository so that its npm imports resolve,
 * and imports it. With `build: false` it only imports the bundle an earlier call made (a worker thread).
 */
export async function importFromSources(name, contents, { build = true } = {}) {
  const outfile = join(root, 'node_modules/.cache/liangdian-bench', name);
  if (build) {
    const esbuild = await import('esbuild');
    await esbuild.build({ ...fromSources, stdin: { contents, resolveDir: root, loader: 'ts' }, outfile });
  }
  return import(pathToFileURL(outfile).href);
}

export function buildWeb() {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: join(root, 'packages/web'),
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('web build failed');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (all || args.has('--server')) await buildServer();
  else if (args.has('--engine')) await buildEngine();
  if (all || args.has('--web')) buildWeb();
}
