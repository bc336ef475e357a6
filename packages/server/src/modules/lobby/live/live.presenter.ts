import type { LobbyMode } from '@liangdian/shared';
import type { LobbyModeNow, LobbyPresence, LobbyPrompt } from '@liangdian/shared/api';
import type { Locale } from '../../../lib/messages';
import type { OverrideRow, PresenceRow, PromptRow } from '../lobby.repository';

/** Rows → the board's parts (the contract's LobbyView). */
export const presentPrompt = (p: PromptRow, locale: Locale): LobbyPrompt => ({
  id: p.id,
  kind: p.kind as LobbyPrompt['kind'],
  ruleId: p.rule_id,
  postId: p.post_id,
  staffId: p.staff_id,
  attempt: p.attempt,
  status: p.status,
  data: JSON.parse(p.data_json),
  message: locale === 'zh-CN' ? p.message_zh : p.message_en,
  messageZh: p.message_zh,
  messageEn: p.message_en,
  createdAt: p.created_at,
  expiresAt: p.expires_at,
  answeredAt: p.answered_at,
});

export const presentPresence = (p: PresenceRow): LobbyPresence => ({
  staffId: p.staff_id,
  staffName: p.staff_name,
  postId: p.post_id,
  postName: p.post_name,
  since: p.checked_in_at,
});

/** The mode in force: a manual override when there is one, else the plan's mode. */
export const presentMode = (override: OverrideRow | null | undefined, planned: LobbyMode): LobbyModeNow =>
  override
    ? {
        mode: override.mode as LobbyMode,
        source: 'override',
        reason: override.reason,
        until: override.until_at,
      }
    : { mode: planned, source: 'plan', reason: null, until: null };
