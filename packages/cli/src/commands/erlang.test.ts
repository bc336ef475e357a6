import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureConsole, flags } from '../testing';
import { erlangCommand } from './erlang';

afterEach(() => vi.restoreAllMocks());

describe('liangdian erlang', () => {
  it('prints exact M/M/3 metrics as JSON', async () => {
    const { out } = captureConsole();
    const code = await erlangCommand.run(
      flags({ 'arrival-rate': 2.5, 'service-rate': 1, servers: 3, json: true }),
    );
    expect(code).toBe(0);
    const j = JSON.parse(out.join('\n'));
    expect(j.pWait).toBeCloseTo(0.702247, 6);
    expect(j.waitMinutes).toBeCloseTo(1.404494, 6);
    expect(j.servedWaitMinutes).toBe(j.waitMinutes);
    expect(j.abandonRate).toBe(0);
    expect(j.occupancy).toBeCloseTo(2.5 / 3, 9);
    expect(j).toHaveProperty('serviceLevel');
  });

  it('prints Erlang A with --patience-rate', async () => {
    const { out } = captureConsole();
    await erlangCommand.run(
      flags({
        'arrival-rate': 2.5,
        'service-rate': 1,
        servers: 3,
        'patience-rate': 0.5,
        'target-seconds': 30,
        json: true,
      }),
    );
    const j = JSON.parse(out.join('\n'));
    expect(j.model).toBe('M/M/c+M');
    expect(j.pWait).toBeCloseTo(0.507968, 6);
    expect(j.waitMinutes).toBeCloseTo(0.260994, 6);
    expect(j.servedWaitMinutes).toBeCloseTo(0.231174, 6);
    expect(j.abandonRate).toBeCloseTo(0.130497, 6);
    const { out: text } = captureConsole();
    await erlangCommand.run(
      flags({ 'arrival-rate': 2.5, 'service-rate': 1, servers: 3, 'patience-rate': 0.5 }),
    );
    expect(text.join('\n')).toMatch(/served wait +0\.231174 min \(customers who are served\)/);
  });

  it('--staff answers 14 for the reference table', async () => {
    const { out } = captureConsole();
    const code = await erlangCommand.run(
      flags({
        'arrival-rate': 100 / 30,
        'service-rate': 1 / 3,
        'target-seconds': 20,
        'service-level': 0.8,
        staff: true,
        json: true,
      }),
    );
    expect(code).toBe(0);
    const j = JSON.parse(out.join('\n'));
    expect(j.staff).toBe(14);
    expect(j.rows.map((r: { servers: number }) => r.servers)).toEqual([11, 12, 13, 14]);
    const { out: text } = captureConsole();
    await erlangCommand.run(
      flags({ 'arrival-rate': 100 / 30, 'service-rate': 1 / 3, 'target-seconds': 20, staff: true }),
    );
    expect(text.join('\n')).toMatch(/Fewest staff meeting the target: 14/);
  });

  it('rejects missing or bad options with a usage error', async () => {
    await expect(erlangCommand.run(['--arrival-rate', '1'])).rejects.toThrow(/service-rate/);
    await expect(
      erlangCommand.run(['--arrival-rate', 'x', '--service-rate', '1', '--servers', '1']),
    ).rejects.toThrow(/arrival-rate/);
    await expect(
      erlangCommand.run(['--arrival-rate', '1', '--service-rate', '1', '--servers', '0']),
    ).rejects.toThrow(/servers/);
  });
});
