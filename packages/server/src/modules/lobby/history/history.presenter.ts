import type { LobbyLogEntry } from '@liangdian/shared/api';
import type { Locale } from '../../../lib/messages';
import type { LogRow } from '../lobby.repository';

export const presentLog = (r: LogRow, locale: Locale): LobbyLogEntry => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  actorName: r.actor_name,
  data: JSON.parse(r.data_json),
  message: locale === 'zh-CN' ? r.message_zh : r.message_en,
  messageZh: r.message_zh,
  messageEn: r.message_en,
});
