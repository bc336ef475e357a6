import { z } from 'zod';
import { COMPLAINT_STATUSES } from '../complaints';
import { IsoDay } from './common';
import { endpoint } from './endpoint';
import { outletRef } from './fields';

/**
 * The home page (工作台): what falls due for the signed-in person, one section per module that
 * has something for their role, read in one round trip. New modules add a section here (a new
 * `key`) and the web renders it; sections a role has nothing to do with are left out.
 */

/** A deadline as the home page shows it: the Beijing date and the days left from today. */
const Due = {
  dueOn: IsoDay,
  /** negative: overdue by that many days */
  daysLeft: z.number().int(),
  overdue: z.boolean(),
};

/** A complaint with a running deadline within 3 days, or past it, that the person can act on. */
export const HomeComplaint = z.object({
  id: z.string(),
  no: z.string(),
  ...outletRef,
  status: z.enum(COMPLAINT_STATUSES),
  ...Due,
  handlerName: z.string().nullable(),
  /** the person is its handler */
  mine: z.boolean(),
});

/** A backfill prompt waiting for an answer (on the lobby tablet). */
export const HomePrompt = z.object({
  id: z.string(),
  ...outletRef,
  kind: z.enum(['backfill', 'return', 'elastic']),
  /** in the reader's language */
  message: z.string(),
  staffName: z.string(),
  postName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  /** addressed to the person */
  mine: z.boolean(),
});

/** An open rectification task (整改任务). */
export const HomeTask = z.object({
  id: z.string(),
  title: z.string(),
  ...outletRef,
  complaintId: z.string().nullable(),
  complaintNo: z.string().nullable(),
  owner: z.string(),
  ...Due,
  /** assigned to the person's staff record */
  mine: z.boolean(),
});

const section = <const K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.object({
    key: z.literal(key),
    /** how many there are (the list holds the first ones) */
    total: z.number().int(),
    items: z.array(item),
  });

export const HomeSection = z.discriminatedUnion('key', [
  section('complaints', HomeComplaint),
  section('prompts', HomePrompt),
  section('tasks', HomeTask),
]);

export const Home = z.object({
  /** today in Beijing */
  today: IsoDay,
  /** false for outlet logins not linked to a staff record: nothing can be addressed to them */
  staffLinked: z.boolean(),
  sections: z.array(HomeSection),
});

export type HomeComplaint = z.infer<typeof HomeComplaint>;
export type HomePrompt = z.infer<typeof HomePrompt>;
export type HomeTask = z.infer<typeof HomeTask>;
export type HomeSection = z.infer<typeof HomeSection>;
export type HomeSectionKey = HomeSection['key'];
export type Home = z.infer<typeof Home>;

/** Items per section on the home page; `total` says how many more there are. */
export const HOME_SECTION_ITEMS = 10;
/** "Falls due": a deadline within this many days (or past). */
export const HOME_DUE_DAYS = 3;

export const homeApi = {
  home: endpoint({
    method: 'GET',
    path: '/home',
    tags: ['home'],
    summary: 'What falls due for the signed-in person, by module (the home page)',
    response: Home,
  }),
} as const;
