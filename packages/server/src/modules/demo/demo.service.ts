import type { Kysely } from 'kysely';
import { holidayCalendar } from '@liangdian/engine';
import { addDays, beijingDate } from '@liangdian/engine/time';
import type { Dialect } from '../../db/schema';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import type { FieldCipher } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import { seededRandom as rng } from '../../lib/seeded-random';
import type { PasswordHasher } from '../../lib/passwords';
import { Changes } from '../access/guard';
import { type AuditKeys, AuditService } from '../audit/audit.service';
import type { ComplainantIndex } from '../complaints/complainant-index';
import { loadComplaintsDemo } from '../complaints/complaints.demo';
import * as lobbyRepo from '../lobby/lobby.repository';
import { listHolidays } from '../complaints/complaint-codes.repository';
import { DEMO_HISTORY_WEEKS, generateOutletHistory } from './demo.history';
import { DEFAULT_SETTINGS } from '../lobby/lobby.settings';
import type { BackfillRule } from '../lobby/prompts/prompt.rules';
import { refreshForwarding } from '../complaints/forwarding';
import * as meta from '../meta/meta.repository';
import * as org from '../org/org.repository';
import { newUserRow } from '../users/users.repository';
import {
  DEMO_BACKFILL_RULES,
  DEMO_BANK,
  DEMO_BRANCH,
  DEMO_BUSINESS_TYPES,
  DEMO_LOGINS,
  DEMO_OUTLETS,
  DEMO_STAFF_PLAN,
  DEMO_ZONES,
  GIVEN,
  SURNAMES,
} from './demo.data';

export { DEMO_LOGINS };

export interface DemoOptions {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  hasher: PasswordHasher;
  cipher: FieldCipher;
  /** the complainant index of the secret key (complainantIndexOf): the demo's complaints are found by it */
  index: ComplainantIndex;
  /** the audit key and checkpoint (audit.service.ts `auditKeys`); without them the entry is unkeyed */
  auditKeys?: AuditKeys;
  password: string;
  /** total outlets (at least the 12 named ones); more are generated for scale tests */
  outlets?: number;
  /** fixed staff per outlet; default 15 at the pilots, 8–15 at random elsewhere */
  staffPerOutlet?: number;
  seed?: number;
  /** weeks of ticket history for the named outlets, ending the day before the clock's date
   * (default DEMO_HISTORY_WEEKS; 0: none) */
  historyWeeks?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  outlets: number;
  staff: number;
  users: number;
  logins: { username: string; role: string; outlet: string | null }[];
}

export async function hasData(db: Kysely<DB>): Promise<boolean> {
  return (await meta.countUsers(db)) > 0;
}

/** Loads the demo branch into an empty database, in one transaction, with one audit entry. */
export async function loadDemo(o: DemoOptions): Promise<DemoSummary> {
  const rand = rng(o.seed ?? 20241001);
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(rand() * xs.length)]!;
  const now = o.clock.now().toISOString();
  const totalOutlets = Math.max(DEMO_OUTLETS.length, o.outlets ?? DEMO_OUTLETS.length);
  const passwordHash = await o.hasher.hash(o.password);
  const audit = new AuditService(o.dialect, o.clock, o.auditKeys ?? null);

  return o.db.transaction().execute(async (trx) => {
    const branchId = newId();
    await org.insertBranch(trx, {
      id: branchId,
      code: DEMO_BRANCH.code,
      name: DEMO_BRANCH.name,
      bank_name: DEMO_BANK,
      created_at: now,
    });
    await org.insertMany(
      trx,
      'business_types',
      DEMO_BUSINESS_TYPES.map((b) => ({
        id: newId(),
        code: b.code,
        name_zh: b.nameZh,
        name_en: b.nameEn,
        default_zone_kind: b.defaultZoneKind,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    );

    const outletIds = new Map<string, string>();
    /** the staff records the outlet logins belong to, by username */
    const loginStaff = new Map<string, string>();
    let staffCount = 0;
    let employeeSeq = 100000;
    const batch = 100;
    for (let start = 0; start < totalOutlets; start += batch) {
      const outlets: DB['outlets'][] = [];
      const zones: DB['zones'][] = [];
      const posts: DB['posts'][] = [];
      const staff: DB['staff'][] = [];
      const settings: DB['lobby_settings'][] = [];
      for (let i = start; i < Math.min(totalOutlets, start + batch); i++) {
        const named = DEMO_OUTLETS[i];
        const code = named?.code ?? `G${String(i + 1).padStart(4, '0')}`;
        const id = newId();
        outletIds.set(code, id);
        outlets.push({
          id,
          branch_id: branchId,
          code,
          name:
            named?.name ??
            `${pick(['东风', '人民', '环城', '青年', '南屏', '东华', '金碧', '拓东'])}${i + 1}号支行`,
          address:
            named?.address ?? `昆明市${pick(['五华区', '盘龙区', '官渡区', '西山区', '呈贡区'])}${i + 1}号`,
          phone: `0871-${String(63000000 + Math.floor(rand() * 999999))}`,
          pilot: named?.pilot ? 1 : 0,
          active: 1,
          staff_count: 0,
          zone_count: 0,
          created_at: now,
          updated_at: now,
        });
        const zoneIds = new Map<string, string>();
        for (const z of DEMO_ZONES) {
          const zid = newId();
          zoneIds.set(z.kind, zid);
          zones.push({
            id: zid,
            outlet_id: id,
            kind: z.kind,
            name: z.name,
            capacity: z.capacity,
            active: 1,
            created_at: now,
            updated_at: now,
          });
        }
        const postRow = (kind: string, name: string, zoneKind: string | null) => {
          const pid = newId();
          posts.push({
            id: pid,
            outlet_id: id,
            kind,
            name,
            zone_id: zoneKind ? (zoneIds.get(zoneKind) ?? null) : null,
            active: 1,
            created_at: now,
            updated_at: now,
          });
          return pid;
        };
        const homePosts: Record<string, string> = {
          welcome: postRow('welcome', '迎宾位', 'guidance'),
          super_counter: postRow('super_counter', '超柜位', 'super_counter'),
          cash: postRow('zone', '现金区岗', 'cash'),
          non_cash: postRow('zone', '非现金区岗', 'non_cash'),
          wealth: postRow('zone', '理财区岗', 'wealth'),
          self_service: postRow('zone', '自助区岗', 'self_service'),
        };
        // the named outlets come with backfill rules, so that the tablet's prompts happen
        if (named) {
          const rules: BackfillRule[] = DEMO_BACKFILL_RULES.map((r) => ({
            id: newId(),
            postId: homePosts[r.post]!,
            backups: r.backups.map((b) => ({ ...b })),
            triggers: { ...r.triggers },
          }));
          settings.push({
            outlet_id: id,
            service_level_target: DEFAULT_SETTINGS.serviceLevelTarget,
            target_wait_minutes: DEFAULT_SETTINGS.targetWaitMinutes,
            prompt_timeout_seconds: DEFAULT_SETTINGS.promptTimeoutSeconds,
            mode_plan_json: null,
            backfill_rules_json: JSON.stringify(rules),
            current_mode: null,
            updated_at: now,
          });
        }
        // the pilots are staffed for seven open days (their rosters cover the forecast peaks);
        // the draw is made either way so that the rest of the demo stays the same
        const drawn = 8 + Math.floor(rand() * 8);
        const n = o.staffPerOutlet ?? (named?.pilot ? DEMO_STAFF_PLAN.length : drawn);
        for (let k = 0; k < n; k++) {
          const plan = DEMO_STAFF_PLAN[k % DEMO_STAFF_PLAN.length]!;
          const home =
            plan.roles[0] === 'lobby_manager'
              ? homePosts.welcome
              : plan.roles[0] === 'lobby_service_manager'
                ? homePosts.super_counter
                : plan.roles[0] === 'wealth_manager'
                  ? homePosts.wealth
                  : plan.roles[0] === 'teller'
                    ? plan.skills.includes('cash')
                      ? homePosts.cash
                      : homePosts.non_cash
                    : null;
          const given = rand() < 0.5 ? pick(GIVEN) : pick(GIVEN) + pick(GIVEN);
          const staffId = newId();
          const login = DEMO_LOGINS.find((l) => 'staff' in l && l.outlet === code && l.staff === k);
          if (login) loginStaff.set(login.username, staffId);
          const name = pick(SURNAMES) + given;
          staff.push({
            id: staffId,
            outlet_id: id,
            employee_no: `E${employeeSeq++}`,
            // the person who signs in as this outlet's head, lobby manager or staff member
            name: login && 'person' in login ? login.person : name,
            roles: JSON.stringify(plan.roles),
            skills: JSON.stringify(plan.skills),
            phone_enc: o.cipher.encrypt(
              `1${pick(['38', '39', '58', '87', '51', '36'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
            ),
            home_post_id: home ?? null,
            active: 1,
            created_at: now,
            updated_at: now,
          });
        }
      }
      await org.insertMany(trx, 'outlets', outlets);
      await org.insertMany(trx, 'zones', zones);
      await org.insertMany(trx, 'posts', posts);
      await org.insertMany(trx, 'staff', staff);
      await lobbyRepo.insertSettingsMany(trx, settings);
      staffCount += staff.length;
      for (const o of outlets) await org.refreshCounts(trx, o.id);
      o.onProgress?.(Math.min(totalOutlets, start + batch), totalOutlets);
    }

    const users = DEMO_LOGINS.map((l) =>
      newUserRow(
        {
          id: newId(),
          username: l.username,
          display_name: l.displayName,
          role: l.role,
          branch_id: branchId,
          outlet_id: l.outlet ? outletIds.get(l.outlet)! : null,
          staff_id: loginStaff.get(l.username) ?? null,
          password_hash: passwordHash,
        },
        now,
      ),
    );
    await org.insertMany(trx, 'users', users);
    await loadComplaintsDemo(trx, {
      branchId,
      outletIds: [...outletIds.values()],
      pilotOutletIds: DEMO_OUTLETS.filter((d) => d.pilot).map((d) => outletIds.get(d.code)!),
      users,
      cipher: o.cipher,
      index: o.index,
      now,
    });
    // the demo's regulator cases with their forwarding deadline (Art. 33, official calendar)
    await refreshForwarding(trx, 'missing');
    await loadTicketHistory(trx, o, outletIds);
    await meta.set(trx, 'demo', '1');
    await meta.set(trx, 'bank_name', DEMO_BANK);
    const summary: DemoSummary = {
      outlets: totalOutlets,
      staff: staffCount,
      users: DEMO_LOGINS.length,
      logins: DEMO_LOGINS.map((l) => ({ username: l.username, role: l.role, outlet: l.outlet })),
    };
    return new Changes(o.db, o.clock, audit).within(trx, { userId: null, name: 'system' }, async () => [
      summary,
      {
        action: 'demo.load',
        entityType: 'branch',
        entityId: branchId,
        after: { outlets: summary.outlets, staff: summary.staff, users: summary.users },
      },
    ]);
  });
}

/**
 * The named outlets' ticket history (demo.history.ts): `historyWeeks` weeks ending yesterday
 * (Beijing), on the official holiday calendar, one seed per outlet.
 */
async function loadTicketHistory(trx: Kysely<DB>, o: DemoOptions, outletIds: Map<string, string>) {
  const weeks = o.historyWeeks ?? DEMO_HISTORY_WEEKS;
  if (weeks <= 0) return;
  const to = addDays(beijingDate(o.clock.now()), -1);
  const from = addDays(to, -7 * weeks + 1);
  const calendar = holidayCalendar(
    (await listHolidays(trx)).map((r) => ({ date: r.day, kind: r.kind as 'holiday' | 'workday' })),
  );
  const zones = DEMO_ZONES.map((z) => ({ kind: z.kind, capacity: z.capacity }));
  for (const [i, d] of DEMO_OUTLETS.entries()) {
    const outletId = outletIds.get(d.code);
    if (!outletId) continue;
    const events = generateOutletHistory({
      code: d.code,
      from,
      to,
      calendar,
      seed: (o.seed ?? 20241001) + 7919 * (i + 1),
      zones,
    });
    await lobbyRepo.insertHistory(
      trx,
      events.map((e) => ({ ...e, outlet_id: outletId, received_at: e.at })),
    );
  }
}
