import { addDays, beijingDate } from '@liangdian/engine/time';
import {
  allowedFrom,
  allows,
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  OUTLET_SCOPED_ROLES,
  roleTakes,
  type UserRole,
} from '@liangdian/shared';
import { HOME_DUE_DAYS, HOME_SECTION_ITEMS, type Home, type HomeSection } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import type { Locale } from '../../lib/messages';
import type { Actor } from '../access/policy';
import { presentComplaint, presentPrompt, presentTask } from './home.presenter';
import * as repo from './home.repository';

/** What a section provider knows: who asks, in which language, and today in Beijing. */
interface HomeContext {
  actor: Actor;
  locale: Locale;
  now: Date;
  /** today, Beijing */
  today: string;
  /** the last day that "falls due" (today + 3) */
  dueBy: string;
}

type Section = (db: Kysely<DB>, c: HomeContext) => Promise<HomeSection | null>;

/** The complaint statuses in which `role` may take some step of the process. */
export const actionableStatuses = (role: UserRole) =>
  COMPLAINT_STATUSES.filter((s) => COMPLAINT_ACTIONS.some((a) => roleTakes(role, a) && allowedFrom(a, s)));

/**
 * Complaints due within three days or overdue that the person can act on: their outlet's for
 * outlet roles, the branch's for branch roles; the ones they handle first.
 */
const complaints: Section = async (db, { actor, today, dueBy }) => {
  const statuses = actionableStatuses(actor.role);
  if (!statuses.length) return null;
  const { rows, total } = await repo.dueComplaints(
    db,
    { branchId: actor.branchId, outletId: actor.outletId, statuses, dueBy, handlerId: actor.userId },
    HOME_SECTION_ITEMS,
  );
  return { key: 'complaints', total, items: rows.map((r) => presentComplaint(r, today, actor.userId)) };
};

/**
 * Backfill prompts waiting at the person's outlet: all of them for the outlet head, those
 * addressed to them for the lobby manager and staff (none when the login has no staff record).
 */
const prompts: Section = async (db, { actor, locale, now, today }) => {
  if (!actor.outletId || !allows(actor, 'lobby.answer', actor.outletId)) return null;
  const all = actor.role === 'outlet_head';
  if (!all && !actor.staffId) return { key: 'prompts', total: 0, items: [] };
  const { rows, total } = await repo.pendingPrompts(
    db,
    {
      outletId: actor.outletId,
      day: today,
      now: now.toISOString(),
      ...(all ? {} : { staffId: actor.staffId! }),
    },
    HOME_SECTION_ITEMS,
  );
  return { key: 'prompts', total, items: rows.map((r) => presentPrompt(r, locale, actor.staffId)) };
};

/**
 * Open rectification tasks: the outlet's for its head, those assigned to the person for the
 * other outlet roles, and for the branch's officers those of the branch that fall due.
 */
const tasks: Section = async (db, { actor, today, dueBy }) => {
  let filter: repo.OpenTaskFilter | null = null;
  const base = { branchId: actor.branchId, mineStaffId: actor.staffId };
  if (actor.outletId && actor.role === 'outlet_head') filter = { ...base, outletId: actor.outletId };
  else if (actor.outletId && (actor.role === 'lobby_manager' || actor.role === 'staff'))
    filter = actor.staffId ? { ...base, outletId: actor.outletId, ownerStaffId: actor.staffId } : null;
  else if (!actor.outletId && allows(actor, 'complaints.tasks')) filter = { ...base, dueBy };
  else return null;
  if (!filter) return { key: 'tasks', total: 0, items: [] };
  const { rows, total } = await repo.openTasks(db, filter, HOME_SECTION_ITEMS);
  return { key: 'tasks', total, items: rows.map((r) => presentTask(r, today, actor.staffId)) };
};

/** The sections of the home page, in the order shown; a module that lands adds its own. */
const SECTIONS: Section[] = [complaints, prompts, tasks];

/** The home page (工作台): what falls due for the signed-in person, computed on the injected clock. */
export class HomeService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async home(actor: Actor, locale: Locale): Promise<Home> {
    const now = this.clock.now();
    const today = beijingDate(now);
    const c: HomeContext = { actor, locale, now, today, dueBy: addDays(today, HOME_DUE_DAYS) };
    const sections: HomeSection[] = [];
    // one after the other: the PostgreSQL pool may be a single connection
    for (const section of SECTIONS) {
      const s = await section(this.db, c);
      if (s) sections.push(s);
    }
    const staffLinked = !OUTLET_SCOPED_ROLES.includes(actor.role) || actor.staffId !== null;
    return { today, staffLinked, sections };
  }
}
