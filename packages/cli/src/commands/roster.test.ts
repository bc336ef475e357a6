import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureConsole } from '../testing';
import { rosterCommand } from './roster';

afterEach(() => vi.restoreAllMocks());

const samplePath = new URL('../../../../docs/rosters/roster-15.json', import.meta.url).pathname;

describe('liangdian roster', () => {
  it('solves the sample and prints the answer as JSON', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { out } = captureConsole();
    const code = await rosterCommand.run([samplePath, '--time-limit', '30', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out.join('\n'));
    expect(r.status).toBe('optimal');
    expect(r.shifts.length).toBeGreaterThan(50);
    expect(r.coverage.length).toBeGreaterThan(400);
    expect(r.violations).toEqual([]);
  }, 60_000);

  it('prints the status, model size, coverage and conflicts as text', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { out } = captureConsole();
    const code = await rosterCommand.run([samplePath, '--time-limit', '30', '--lang', 'en-US']);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^status optimal {2}objective \d+/);
    expect(text).toMatch(/model rows \d+ {2}cols \d+ {2}integers \d+/);
    expect(text).toContain('violations (0):');
    expect(text).toContain('conflicts (0):');
  }, 60_000);

  it('lists each mistake of a bad problem with its JSON path and fails', async () => {
    const p = JSON.parse(readFileSync(samplePath, 'utf8'));
    p.people[3].skills[0] = '外汇';
    p.requirement[0].post = 'vault';
    const file = join(mkdtempSync(join(tmpdir(), 'roster-cli-')), 'bad.json');
    writeFileSync(file, JSON.stringify(p));
    const { out } = captureConsole();
    const code = await rosterCommand.run([file, '--lang', 'en-US']);
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toContain('status invalid (2 mistakes)');
    expect(text).toContain('$.people[3].skills[0]: unknown skill "外汇" (no post needs it)');
    expect(text).toContain('$.requirement[0].post: unknown post "vault"');
  });

  it('rejects bad options', async () => {
    await expect(rosterCommand.run([])).rejects.toThrow(/problem file/);
    await expect(rosterCommand.run([samplePath, '--gap', '2'])).rejects.toThrow(/--gap/);
    await expect(rosterCommand.run([samplePath, '--lang', 'fr'])).rejects.toThrow(/--lang/);
  });
});
