import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_OBJECTIVE } from '@liangdian/engine';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../command';
import { captureConsole, flags } from '../testing';
import { recommendCommand } from './recommend';

const root = join(import.meta.dirname, '../../../..');
const luosiwan = join(root, 'docs/scenarios/luosiwan-weekday.json');
const dir = mkdtempSync(join(tmpdir(), 'liangdian-recommend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const runJson = async (args: string[]) => {
  const { out } = captureConsole();
  const code = await recommendCommand.run([luosiwan, ...args, '--json']);
  vi.restoreAllMocks();
  return { code, j: JSON.parse(out.join('\n')) };
};

describe('liangdian recommend', () => {
  it('--json gives per slot both modes with their figures, the better one, the objective, the crossover', async () => {
    const { code, j } = await runJson(flags({ replications: 40, seed: 2 }));
    expect(code).toBe(0);
    expect(j.replications).toBe(40);
    expect(j.seed).toBe(2);
    expect(j.objective).toEqual(DEFAULT_OBJECTIVE);
    expect(j.slots).toHaveLength(8); // one-hour slots, 09:00–17:00
    expect(j.slots[0]).toMatchObject({ start: '09:00', end: '10:00' });
    for (const s of j.slots) {
      expect(['fixed', 'rotating']).toContain(s.better);
      expect(typeof s.arrivalsPerHour).toBe('number');
      for (const m of [s.fixed, s.rotating])
        for (const k of [
          'meanWaitMinutes',
          'serviceLevel',
          'abandonRate',
          'receivedShare',
          'escortedShare',
          'pulledMinutes',
          'misroutes',
          'transfers',
          'score',
        ])
          expect(m).toHaveProperty(k);
      expect(s.better).toBe(s.rotating.score <= s.fixed.score ? 'rotating' : 'fixed');
    }
    expect(j.crossover.arrivalsPerHour).toBeGreaterThan(0);
    // the same seed, the same answer (the timing aside)
    const again = await runJson(flags({ replications: 40, seed: 2 }));
    expect({ ...again.j, wallSeconds: 0 }).toEqual({ ...j, wallSeconds: 0 });
  });

  it('prints a readable table without --json, with the crossover sentence and the weights', async () => {
    const { out } = captureConsole();
    expect(await recommendCommand.run([luosiwan, '--replications', '20'])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/螺蛳湾支行/);
    expect(text).toMatch(
      /^slot +arr\/h +better +\| fixed: wait +SL +recv +esc pulled +mis +score \| rotating:/m,
    );
    expect(text).toMatch(/^09:00–10:00 +\d+\.\d +(fixed|rotating) +\|/m);
    expect(text).toMatch(/crossover: with these staff, rotating holds up to \d+ customers an hour/);
    expect(text).toMatch(/objective: waitMinute 1, .*misroute 25/);
  });

  it('takes the outlet’s weights: nothing for one-on-one reception, fixed everywhere', async () => {
    const { j } = await runJson([
      ...flags({ replications: 20 }),
      '--objective',
      '{"notEscorted":0,"notReceived":0}',
    ]);
    expect(j.objective).toMatchObject({ notEscorted: 0, notReceived: 0, misroute: 25 });
    expect(j.slots.every((s: { better: string }) => s.better === 'fixed')).toBe(true);
  });

  it('refuses bad options (usage errors) and invalid scenarios (exit 1, every problem listed)', async () => {
    await expect(recommendCommand.run([])).rejects.toThrow(UsageError);
    await expect(recommendCommand.run([luosiwan, '--replications', '0'])).rejects.toThrow(/--replications/);
    await expect(recommendCommand.run([luosiwan, '--objective', '{"misroute":-1}'])).rejects.toThrow(
      /--objective misroute: must be a number from 0 to 1000/,
    );
    await expect(recommendCommand.run([luosiwan, '--objective', '[1]'])).rejects.toThrow(/JSON object/);
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify({ name: 'x', hours: { open: '09:00', close: '10:00' } }));
    const { err } = captureConsole();
    expect(await recommendCommand.run([f])).toBe(1);
    expect(err[0]).toMatch(/^Invalid scenario \(\d+ problems?\); nothing was run:/);
    vi.restoreAllMocks();
    // no welcome step: nothing to compare
    const nw = join(dir, 'nowelcome.json');
    writeFileSync(
      nw,
      JSON.stringify({
        name: 'x',
        hours: { open: '09:00', close: '10:00' },
        businessTypes: [{ id: 'a', arrivalsPerHour: 10, service: { type: 'exponential', mean: 3 } }],
        zones: [{ id: 'z', kind: 'counter', capacity: 1, serves: ['a'] }],
        staff: [{ id: 's', role: 'teller', skills: ['a'], home: 'z' }],
      }),
    );
    const c2 = captureConsole();
    expect(await recommendCommand.run([nw])).toBe(1);
    expect(c2.err.join('\n')).toMatch(/welcome/);
    const c3 = captureConsole();
    expect(await recommendCommand.run([join(dir, 'missing.json')])).toBe(1);
    expect(c3.err.join('\n')).toMatch(/cannot read/);
  });
});
