/**
 * Code tables with their names in both languages: one definition for the web's labels and the
 * server's exports (names for codes, never raw codes, in what users read).
 */
import codes from './codes.json';
export type Localised = { 'zh-CN': string; 'en-US': string };
export type LocaleCode = keyof Localised;

type Tables = (typeof codes)['tables'];

/**
 * Every code table by name: code → its name in each language. The tables themselves are data
 * (codes.json, with what each table is about), like the web's message catalogues.
 */
export const CODE_TABLES = Object.fromEntries(
  Object.entries(codes.tables).map(([name, table]) => [name, table.names]),
) as { [K in keyof Tables]: Tables[K]['names'] };

export type CodeTable = keyof typeof CODE_TABLES;
export type CodeOf<T extends CodeTable> = keyof (typeof CODE_TABLES)[T] & string;

/** The name of a code in a language; an unknown code is shown as it is. */
export function codeName(table: CodeTable, code: string | null | undefined, locale: LocaleCode): string {
  if (code === null || code === undefined || code === '') return '';
  const names = CODE_TABLES[table] as Record<string, Localised>;
  return names[code]?.[locale] ?? code;
}
