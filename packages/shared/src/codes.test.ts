import { describe, expect, it } from 'vitest';
import { CODE_TABLES, type CodeTable, codeName } from './codes';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  DUE_FILTERS,
  INFORM_METHODS,
  PAUSE_KINDS,
  REMEDIES,
  RESPONSIBILITIES,
  SATISFACTIONS,
  SCRIPT_STAGES,
  SEVERITIES,
  TASK_STATUSES,
} from './complaints';
import { LOBBY_LOG_KINDS, LOBBY_MODES } from './lobby';
import { POST_KINDS, STAFF_ROLES, ZONE_KINDS } from './org';
import { USER_ROLES } from './roles';

/** Each code list and the table that names its codes. */
const LISTS: [CodeTable, readonly string[]][] = [
  ['zoneKind', ZONE_KINDS],
  ['postKind', POST_KINDS],
  ['staffRole', STAFF_ROLES],
  ['userRole', USER_ROLES],
  ['complaintStatus', COMPLAINT_STATUSES],
  ['complaintSource', COMPLAINT_SOURCES],
  ['complaintAction', COMPLAINT_ACTIONS],
  ['informMethod', INFORM_METHODS],
  ['remedy', REMEDIES],
  ['responsibility', RESPONSIBILITIES],
  ['severity', SEVERITIES],
  ['pauseKind', PAUSE_KINDS],
  ['satisfaction', SATISFACTIONS],
  ['scriptStage', SCRIPT_STAGES],
  ['taskStatus', TASK_STATUSES],
  ['dueFilter', DUE_FILTERS],
  ['lobbyMode', LOBBY_MODES],
  ['lobbyLogKind', LOBBY_LOG_KINDS],
];

describe('code tables', () => {
  it.each(LISTS)('names every code of %s in both languages', (table, codes) => {
    for (const code of codes) {
      expect(codeName(table, code, 'zh-CN'), `${table}.${code}`).toMatch(/\p{Script=Han}/u);
      expect(codeName(table, code, 'en-US'), `${table}.${code}`).toMatch(/^[A-Z]/);
    }
  });

  it('has no entry without a name in both languages', () => {
    for (const [table, names] of Object.entries(CODE_TABLES))
      for (const [code, n] of Object.entries(names as Record<string, Record<string, string>>)) {
        expect(n['zh-CN'], `${table}.${code}`).toBeTruthy();
        expect(n['en-US'], `${table}.${code}`).toBeTruthy();
      }
  });

  it('shows an unknown code as it is, and nothing for no code', () => {
    expect(codeName('zoneKind', 'spaceship', 'zh-CN')).toBe('spaceship');
    expect(codeName('zoneKind', null, 'en-US')).toBe('');
  });
});
