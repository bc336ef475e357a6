import { percentFormatter } from '../components/format';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLocale } from '../api/client';
import type { Locale } from '@liangdian/shared/api';
import enComplaintCoaching from './complaint-coaching.en-US.json';
import zhComplaintCoaching from './complaint-coaching.zh-CN.json';
import enComplaintEdit from './complaint-edit.en-US.json';
import zhComplaintEdit from './complaint-edit.zh-CN.json';
import enComplaintTimeline from './complaint-timeline.en-US.json';
import zhComplaintTimeline from './complaint-timeline.zh-CN.json';
import enUS from './en-US.json';
import enLobbyCalibration from './lobby-calibration.en-US.json';
import zhLobbyCalibration from './lobby-calibration.zh-CN.json';
import enLobbyForecast from './lobby-forecast.en-US.json';
import zhLobbyForecast from './lobby-forecast.zh-CN.json';
import enLobbyLive from './lobby-live.en-US.json';
import zhLobbyLive from './lobby-live.zh-CN.json';
import enLobbySetup from './lobby-setup.en-US.json';
import zhLobbySetup from './lobby-setup.zh-CN.json';
import enTicketImport from './ticket-import.en-US.json';
import zhTicketImport from './ticket-import.zh-CN.json';
import enModeTrade from './mode-trade.en-US.json';
import zhModeTrade from './mode-trade.zh-CN.json';
import enShell from './shell.en-US.json';
import enStaffing from './staffing.en-US.json';
import enPlanning from './planning.en-US.json';
import zhPlanning from './planning.zh-CN.json';
import zhStaffing from './staffing.zh-CN.json';
import enRoster from './roster.en-US.json';
import zhRoster from './roster.zh-CN.json';
import enRosterSettings from './roster-settings.en-US.json';
import zhRosterSettings from './roster-settings.zh-CN.json';
import zhShell from './shell.zh-CN.json';
import zhCN from './zh-CN.json';

/**
 * The catalogue is split by feature (one pair of files per feature, so that features can be
 * worked on side by side); the keys are namespaced and together form one catalogue.
 */
const zhAll = {
  ...zhCN,
  ...zhLobbyLive,
  ...zhLobbyCalibration,
  ...zhLobbySetup,
  ...zhLobbyForecast,
  ...zhTicketImport,
  ...zhComplaintCoaching,
  ...zhComplaintEdit,
  ...zhComplaintTimeline,
  ...zhShell,
  ...zhModeTrade,
  ...zhStaffing,
  ...zhPlanning,
  ...zhRoster,
  ...zhRosterSettings,
};
export type MessageKey = keyof typeof zhAll;
type Messages = Record<MessageKey, string>;

/** en-US must have every key zh-CN has: this assignment fails to compile otherwise. */
const en: Messages = {
  ...enUS,
  ...enLobbyLive,
  ...enLobbyCalibration,
  ...enLobbySetup,
  ...enLobbyForecast,
  ...enTicketImport,
  ...enComplaintCoaching,
  ...enComplaintEdit,
  ...enComplaintTimeline,
  ...enShell,
  ...enModeTrade,
  ...enStaffing,
  ...enPlanning,
  ...enRoster,
  ...enRosterSettings,
};
const zh: Messages = zhAll;
const catalogues: Record<Locale, Messages> = { 'zh-CN': zh, 'en-US': en };

export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
export const TIME_ZONE = 'Asia/Shanghai';
const STORAGE_KEY = 'liangdian.locale';

export type Vars = Record<string, string | number>;

function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en-US';
}

/** The language the user explicitly picked on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

function initialLocale(): Locale {
  return storedLocale() ?? 'zh-CN';
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  /** translates `${prefix}.${value}` when such a key exists, else returns the value itself */
  tEnum(prefix: string, value: string | null | undefined): string;
  formatDateTime(iso: string | null | undefined): string;
  formatDate(iso: string | null | undefined): string;
  formatTime(iso: string | null | undefined): string;
  formatNumber(n: number | null | undefined): string;
  /** a share 0…1 as a percentage, one way across the app (components/format.ts) */
  formatPercent(share: number | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    setApiLocale(l);
    document.documentElement.lang = l;
    return l;
  });

  const setLocale = useCallback((next: Locale) => {
    setApiLocale(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = catalogues[locale];
    const dateTime = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const date = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const time = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const number = new Intl.NumberFormat(locale);
    const fmt = (f: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
      if (!iso) return '—';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : f.format(d);
    };
    return {
      locale,
      setLocale,
      t: (key, vars) => interpolate(messages[key] ?? key, vars),
      tEnum: (prefix, v) => {
        if (v === null || v === undefined || v === '') return '—';
        const key = `${prefix}.${v}`;
        return key in messages ? messages[key as MessageKey] : v;
      },
      formatDateTime: fmt(dateTime),
      formatDate: fmt(date),
      formatTime: fmt(time),
      formatNumber: (n) => (n === null || n === undefined ? '—' : number.format(n)),
      formatPercent: percentFormatter(locale),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
