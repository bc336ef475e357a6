import { z } from 'zod';
import { USER_ROLES } from '../roles';
import { endpoints } from './endpoint';

/** A login of the demo branch, listed on the login page while the demo data is loaded. */
export const DemoLogin = z.object({
  username: z.string(),
  role: z.enum(USER_ROLES),
  /** null: the whole branch */
  outletName: z.string().nullable(),
});
export type DemoLogin = z.infer<typeof DemoLogin>;

export const Meta = z.object({
  version: z.string(),
  demo: z.boolean(),
  bankName: z.string(),
  zoneKinds: z.array(z.string()),
  postKinds: z.array(z.string()),
  staffRoles: z.array(z.string()),
  userRoles: z.array(z.string()),
  /** the demo logins (empty unless the demo branch is loaded); their password is printed at start */
  demoLogins: z.array(DemoLogin),
});
export type Meta = z.infer<typeof Meta>;

export const Health = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

const e = endpoints(['meta']);

export const metaApi = {
  /** outside /api/v1: what load balancers and the E2E set-up poll */
  health: e.get('/api/health', 'Liveness and database check', { response: Health, public: true }),
  meta: e.get('/meta', 'Version, demo flag and the code lists the UI needs', {
    response: Meta,
    public: true,
  }),
} as const;
