import { readFileSync } from 'node:fs';
import { API } from '@liangdian/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../test/harness';

/**
 * The OpenAPI document keeps every operation the API has ever had (docs/api-operations.txt lists
 * them, one `METHOD /path` a line; add to it, never remove), and documents every endpoint of the
 * contract in packages/shared/src/api.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let ops: Set<string>;
  beforeAll(async () => {
    t = await makeTestApp();
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    ops = new Set(
      Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
  });
  afterAll(() => t.close());

  const openapiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

  it('keeps every operation of the published list', () => {
    const listed = readFileSync(new URL('../../../../docs/api-operations.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.filter((op) => !ops.has(op))).toEqual([]);
  });

  it('documents every endpoint of the contract, and its .xlsx twin', () => {
    const missing: string[] = [];
    for (const feature of Object.values(API))
      for (const e of Object.values(feature)) {
        const path = `${e.path.startsWith('/api/') ? '' : '/api/v1'}${openapiPath(e.path)}`;
        if (!ops.has(`${e.method} ${path}`)) missing.push(`${e.method} ${path}`);
        if ('exportable' in e && e.exportable && !ops.has(`GET ${path}/export.xlsx`))
          missing.push(`GET ${path}/export.xlsx`);
      }
    expect(missing).toEqual([]);
  });
});
