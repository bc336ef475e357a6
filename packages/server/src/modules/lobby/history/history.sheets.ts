import type { LobbyLogEntry } from '@liangdian/shared/api';
import { label, sheet, codeColumn } from '../../../http/sheet';

/** The mode a switch came from or went to (mode_switch lines only). */
const switched = (l: LobbyLogEntry, end: 'from' | 'to') =>
  l.kind === 'mode_switch' ? (l.data[end] as string | null | undefined) : null;

/** The lobby log of a day: kinds and modes by their names, times as Beijing date-times. */
export const lobbyLogSheet = sheet<LobbyLogEntry>({
  title: label('厅堂日志', 'Lobby log'),
  filters: {
    date: { label: label('日期', 'Date') },
    kind: { label: label('类别', 'Kind'), codes: 'lobbyLogKind' },
  },
  columns: [
    { header: label('时间', 'Time'), value: (l) => l.at, kind: 'datetime' },
    codeColumn(label('类别', 'Kind'), (l) => l.kind, 'lobbyLogKind'),
    {
      header: label('操作人', 'By'),
      // the server's own entries (time-outs, prompts, switches by the plan)
      value: (l, locale) => (l.actorName === 'system' ? label('系统', 'System')[locale] : l.actorName),
      width: 14,
    },
    codeColumn(label('原模式', 'Mode from'), (l) => switched(l, 'from'), 'lobbyMode'),
    codeColumn(label('新模式', 'Mode to'), (l) => switched(l, 'to'), 'lobbyMode'),
    {
      header: label('内容', 'Message'),
      value: (l, locale) => (locale === 'zh-CN' ? l.messageZh : l.messageEn),
      width: 60,
    },
  ],
});
