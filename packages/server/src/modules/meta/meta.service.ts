import { POST_KINDS, STAFF_ROLES, USER_ROLES, type UserRole, ZONE_KINDS } from '@liangdian/shared';
import type { Meta } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../db/schema';
import type { DB } from '../../db/types';
import { DEMO_LOGINS } from '../demo/demo.data';
import * as meta from './meta.repository';

export const VERSION = '0.1.0';

/** What the app shows before anyone signs in, and the health check. */
export class MetaService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async health() {
    await meta.ping(this.db);
    return { status: 'ok' as const, db: this.dialect, version: VERSION };
  }

  /** Version, the demo flag and, while the demo branch is loaded, its logins; the code lists. */
  async read(): Promise<Meta> {
    const demo = (await meta.get(this.db, 'demo')) === '1';
    const logins = demo
      ? await meta.loginsNamed(
          this.db,
          DEMO_LOGINS.map((l) => l.username),
        )
      : [];
    return {
      version: VERSION,
      demo,
      bankName: (await meta.get(this.db, 'bank_name')) ?? '',
      zoneKinds: [...ZONE_KINDS],
      postKinds: [...POST_KINDS],
      staffRoles: [...STAFF_ROLES],
      userRoles: [...USER_ROLES],
      demoLogins: logins.map((l) => ({
        username: l.username,
        role: l.role as UserRole,
        outletName: l.outlet_name,
      })),
    };
  }
}
