import { inflateSync } from 'node:zlib';

/**
 * What a PDF made by pdfkit says, read back for tests: its pages, its fonts (embedded or not) and
 * its text. pdfkit writes text as glyph ids (`<0001…> Tj/TJ` in the page's content stream) with a
 * ToUnicode map per font; the text is those ids mapped back through every map found. Enough for
 * our own PDFs, not a general reader.
 */
export interface PdfRead {
  pages: number;
  /** BaseFont names of the fonts that carry an embedded font file */
  embeddedFonts: string[];
  text: string;
}

function streams(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  const re = /(?<!end)stream\r?\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    re.lastIndex = end;
  }
  return out;
}

const hexChars = (hex: string) => {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += String.fromCodePoint(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
};

export function readPdf(pdf: Buffer): PdfRead {
  const s = pdf.toString('latin1');
  const all = streams(pdf);
  const map = new Map<number, string>();
  for (const cmap of all.filter((t) => t.includes('begincmap'))) {
    for (const [, from, to, list] of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
      const codes = [...list!.matchAll(/<([0-9a-f]+)>/gi)].map((x) => hexChars(x[1]!));
      for (let g = Number.parseInt(from!, 16), i = 0; g <= Number.parseInt(to!, 16); g++, i++)
        map.set(g, codes[i] ?? '');
    }
    for (const [, g, u] of cmap.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]+)>\s*$/gim))
      map.set(Number.parseInt(g!, 16), hexChars(u!));
  }
  const lines: string[] = [];
  for (const content of all.filter((t) => /\bBT\b/.test(t))) {
    for (const [, op] of content.matchAll(/(\[[^\]]*\]\s*TJ|<[0-9a-f]*>\s*Tj)/gi)) {
      let line = '';
      for (const [, hex] of op!.matchAll(/<([0-9a-f]*)>/gi))
        for (let i = 0; i + 4 <= hex!.length; i += 4)
          line += map.get(Number.parseInt(hex!.slice(i, i + 4), 16)) ?? '�';
      lines.push(line);
    }
  }
  const embedded = [...s.matchAll(/\/FontName \/([^\s/]+)[^>]*?\/FontFile[23]?/g)].map((m) => m[1]!);
  return {
    pages: (s.match(/\/Type \/Page\b/g) ?? []).length,
    embeddedFonts: embedded,
    text: lines.join('\n'),
  };
}
