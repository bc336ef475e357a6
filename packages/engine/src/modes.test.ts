import { describe, expect, it } from 'vitest';
import { compileScenario } from './model';
import { simulate } from './run';
import type { ScenarioInput } from './scenario/schema';
import type { SimObserver } from './simulator';

/** A busy little outlet: the door, two counters, one backup (the service manager at the wealth desk). */
const hall = (mode: 'fixed' | 'rotating', over: Partial<ScenarioInput> = {}): ScenarioInput => ({
  name: 'hall',
  hours: { open: '09:00', close: '13:00' },
  businessTypes: [
    { id: 'cash', arrivalsPerHour: 30, service: { type: 'exponential', mean: 4 } },
    { id: 'wealth', arrivalsPerHour: 8, service: { type: 'exponential', mean: 12 } },
  ],
  zones: [
    { id: 'cash', kind: 'counter', capacity: 3, serves: ['cash'] },
    { id: 'wealth', kind: 'wealthDesk', capacity: 2, serves: ['wealth'] },
  ],
  staff: [
    { id: 'lm', role: 'lobbyManager', skills: [], home: 'welcome' },
    { id: 't1', role: 'teller', skills: ['cash'], home: 'cash' },
    { id: 't2', role: 'teller', skills: ['cash'], home: 'cash' },
    { id: 't3', role: 'teller', skills: ['cash'], home: 'cash' },
    { id: 'csm', role: 'customerServiceManager', skills: ['wealth'], home: 'wealth' },
    { id: 'wm', role: 'wealthManager', skills: ['wealth'], home: 'wealth' },
  ],
  welcome: {
    triage: { type: 'deterministic', value: 0.5 },
    escort: { type: 'gamma', shape: 4, scale: 0.5 },
    backups: ['csm', 'role:teller'],
    backupWalkMinutes: 0.5,
    misrouteProbability: 0.5,
    transferMinutes: { type: 'deterministic', value: 2 },
  },
  modePlan: { default: mode },
  drain: true,
  ...over,
});

/** Runs with an observer that checks the mechanism's invariants as events happen. */
function traced(sc: ScenarioInput, replications = 20) {
  const model = compileScenario(sc);
  const N = model.nStaff;
  const backups = new Set(model.welcomeBackups);
  const load = new Array<number>(N).fill(0);
  const problems: string[] = [];
  const received = new Set<number>();
  const pendingReturn = new Set<number>();
  let backupEscorts = 0;
  let backupMinutes = 0;
  let misroutes = 0;
  let transferStarts = 0;
  let transferEnds = 0;
  let lastReceptionBackup = -1;
  const busyStart = (staff: number, post: number, what: string) => {
    if (pendingReturn.has(staff)) {
      // 复位: a backup's next work after an escort is at their own post
      if (post !== model.staffHome[staff])
        problems.push(`${what} by ${staff} away from home after an escort`);
      pendingReturn.delete(staff);
    }
    load[staff]!++;
  };
  const obs: SimObserver = {
    reception: (e) => {
      received.add(e.arrival);
      if (e.backup) {
        // a backup is pulled only between customers, from their own post
        if (load[e.staff] !== 0) problems.push(`backup ${e.staff} pulled with ${load[e.staff]} customers`);
        if (e.from !== model.staffHome[e.staff]) problems.push(`backup ${e.staff} pulled from elsewhere`);
        if (!backups.has(e.staff)) problems.push(`${e.staff} is not a backup`);
        lastReceptionBackup = e.staff;
      } else lastReceptionBackup = -1;
    },
    escortStart: (e) => {
      if (lastReceptionBackup === e.staff) {
        backupEscorts++;
        backupMinutes += e.minutes + 0.5;
      }
      lastReceptionBackup = -1;
      load[e.staff]!++;
    },
    escortEnd: (e) => {
      load[e.staff]!--;
      if (e.backup) {
        if (e.post !== model.staffHome[e.staff]) problems.push(`backup ${e.staff} not back home`);
        pendingReturn.add(e.staff);
      }
    },
    misroute: (e) => {
      misroutes++;
      // misroutes only when unreceived: nobody at the door, no backup free
      if (received.has(e.arrival)) problems.push('a received customer misrouted');
      for (const s of backups) if (load[s] === 0) problems.push(`backup ${s} was free at a misroute`);
      if (e.to === model.typePost[e.type]) problems.push('misrouted to the right zone');
    },
    transferStart: (e) => {
      transferStarts++;
      if (e.post === model.typePost[e.type]) problems.push('a transfer at the right zone');
      busyStart(e.staff, e.post, 'transfer');
    },
    serviceStart: (e) => busyStart(e.staff, e.post, 'service'),
    triageStart: (e) => {
      load[e.staff]!++;
    },
    serviceEnd: (e) => {
      load[e.staff]!--;
      if (e.transfer) transferEnds++;
    },
    event: (t) => {
      if (t === 0) {
        // a new replication
        load.fill(0);
        received.clear();
        pendingReturn.clear();
      }
    },
  };
  const r = simulate(model, { replications, seed: 3, observer: obs });
  return { r, problems, backupEscorts, backupMinutes, misroutes, transferStarts, transferEnds };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('modes: reception, backfill and misroutes', () => {
  it('rotating: backups only between customers, back to post after, misroutes only when unreceived', () => {
    const t = traced(hall('rotating'));
    expect(t.problems).toEqual([]);
    const rc = t.r.reception;
    expect(t.backupEscorts).toBeGreaterThan(0);
    expect(t.misroutes).toBeGreaterThan(0);
    // every misrouted customer is sent on (no patience, drained): transfers = misroutes served
    expect(t.transferStarts).toBe(t.misroutes);
    expect(t.transferEnds).toBe(t.misroutes);
    expect(rc.misroutes).toBe(t.misroutes);
    expect(rc.transfers).toBe(t.transferEnds);
    // the pulled minutes are the backups' escorts and walks
    expect(rc.pulledMinutesPerReplication * 20).toBeCloseTo(t.backupMinutes, 6);
    expect(t.r.modes.backupEscorts).toBe(t.backupEscorts);
    // rotating: the received are escorted one-on-one
    expect(rc.received).toBe(rc.escorted);
    expect(t.r.modes.escortedOneOnOne).toBe(rc.escorted);
    // each customer is served once (a transfer is not a service)
    expect(t.r.served).toBe(t.r.arrivals);
  });

  it('counts per slot add up to the run, and shares stay within their counts', () => {
    const t = traced(hall('rotating'));
    const s = t.r.perSlot;
    const rc = t.r.reception;
    expect(sum(s.map((x) => x.misroutesPerReplication)) * 20).toBeCloseTo(rc.misroutes, 9);
    expect(sum(s.map((x) => x.transfersPerReplication)) * 20).toBeCloseTo(rc.transfers, 9);
    expect(sum(s.map((x) => x.pulledMinutesPerReplication))).toBeCloseTo(rc.pulledMinutesPerReplication, 9);
    expect(sum(s.map((x) => x.receivedShare * x.arrivalsPerReplication)) * 20).toBeCloseTo(rc.received, 6);
    expect(rc.receivedShare).toBeCloseTo(rc.received / t.r.arrivals, 12);
    for (const x of s) {
      expect(x.escortedShare).toBeLessThanOrEqual(x.receivedShare + 1e-12);
      expect(x.transfersPerReplication).toBeLessThanOrEqual(x.misroutesPerReplication + 1e-12);
      // at most the unreceived can be misrouted
      expect(x.misroutesPerReplication).toBeLessThanOrEqual(
        (1 - x.receivedShare) * x.arrivalsPerReplication + 1e-9,
      );
    }
  });

  it('fixed: the door triages without walking; nobody pulled, escorted or misrouted', () => {
    const t = traced(hall('fixed'));
    expect(t.problems).toEqual([]);
    const rc = t.r.reception;
    expect(rc.misroutes).toBe(0);
    expect(rc.transfers).toBe(0);
    expect(rc.escorted).toBe(0);
    expect(rc.pulledMinutesPerReplication).toBe(0);
    expect(t.backupEscorts).toBe(0);
    // received on arrival: the door was free (a triage queue otherwise)
    expect(rc.receivedShare).toBeGreaterThan(0.5);
    expect(rc.receivedShare).toBeLessThan(1);
  });

  it('with no backups and no misroutes, rotating is the old one-on-one: unreceived customers find their zone', () => {
    const t = traced(
      hall('rotating', {
        welcome: { ...hall('rotating').welcome!, backups: [], misrouteProbability: 0 },
      }),
    );
    expect(t.problems).toEqual([]);
    expect(t.backupEscorts).toBe(0);
    expect(t.misroutes).toBe(0);
    expect(t.r.reception.receivedShare).toBeLessThan(1);
  });

  it('misroutes cost the wrong counter its time and the customer more waiting', () => {
    const base = hall('rotating', { welcome: { ...hall('rotating').welcome!, backups: [] } });
    const none = simulate(
      { ...base, welcome: { ...base.welcome!, misrouteProbability: 0 } },
      { replications: 40, seed: 5 },
    );
    const all = simulate(
      { ...base, welcome: { ...base.welcome!, misrouteProbability: 1 } },
      { replications: 40, seed: 5 },
    );
    expect(all.reception.misroutes).toBeGreaterThan(0);
    expect(all.waitMinutes.mean).toBeGreaterThan(none.waitMinutes.mean);
    expect(all.utilisation).toBeGreaterThan(none.utilisation);
  });

  it('rejects unknown backups', () => {
    expect(() =>
      compileScenario(
        hall('rotating', { welcome: { ...hall('rotating').welcome!, backups: ['nobody', 'zone:x'] } }),
      ),
    ).toThrow(/welcome.backups\[0\][\s\S]*welcome.backups\[1\]/);
  });
});
