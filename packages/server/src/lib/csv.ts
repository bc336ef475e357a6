/**
 * A small RFC 4180 CSV reader: quoted fields with embedded delimiters, quotes ("") and line
 * breaks, CRLF or LF line ends, a UTF-8 byte-order mark. It never throws on a broken record: the
 * record is returned with a `problem`, so an import can report every bad line and go on.
 */

export interface CsvRecord {
  /** the 1-based line of the file on which the record starts (embedded line breaks counted) */
  line: number;
  fields: string[];
  /** set when the record breaks the format; its fields are what could be read */
  problem?: 'CSV_UNTERMINATED_QUOTE' | 'CSV_STRAY_QUOTE';
}

export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * Decodes an uploaded text file: UTF-8 (a BOM is dropped), else GB18030 (which covers GBK, what
 * Excel on Chinese Windows writes); null when it is neither.
 */
export function decodeText(buf: Uint8Array): { text: string; encoding: TextEncoding } | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
    return { text, encoding: 'utf-8' };
  } catch {
    /* not UTF-8 */
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), encoding: 'gb18030' };
  } catch {
    return null;
  }
}

/** The delimiter of the first line: comma unless semicolons or tabs are more frequent (outside quotes). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** Every record of `text`, in order. Blank lines are skipped (they hold no record). */
export function* parseCsv(text: string, delimiter = ','): Generator<CsvRecord> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const D = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let problem: CsvRecord['problem'];
    // one record
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        // quoted field
        i++;
        let closed = false;
        let from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            value += text.slice(from, i);
            i++;
            closed = true;
            break;
          }
          if (c === LF) line++;
          else if (c === CR && text.charCodeAt(i + 1) !== LF) line++;
          i++;
        }
        if (!closed) {
          value += text.slice(from, i);
          problem ??= 'CSV_UNTERMINATED_QUOTE';
        } else {
          // After the closing quote only a delimiter or a line end may follow.
          const from2 = i;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === D || c === CR || c === LF) break;
            i++;
          }
          if (i > from2) {
            value += text.slice(from2, i);
            problem ??= 'CSV_STRAY_QUOTE';
          }
        }
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === D || c === CR || c === LF) break;
          if (c === QUOTE) problem ??= 'CSV_STRAY_QUOTE';
          i++;
        }
        value = text.slice(from, i);
      }
      fields.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === D) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      // line end: CRLF, LF or a lone CR
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === '' && !problem) continue; // a blank line
    yield problem ? { line: start, fields, problem } : { line: start, fields };
  }
}
