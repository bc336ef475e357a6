import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { DecisionNotice } from '@liangdian/shared/api';
import PDFDocument from 'pdfkit';
import { DomainError } from '../../lib/errors';
import type { Locale } from '../../lib/messages';

/** A font file and, for a collection (.ttc), the PostScript name of the face in it. */
export interface PdfFont {
  file: string;
  name?: string;
}

/** Debian's fonts-noto-cjk (the package `npm test` provisions), the serif face first. */
export const DEFAULT_PDF_FONTS: PdfFont[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJKsc-Regular.otf' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
];

/**
 * The font of the PDF: PDF_FONT_PATH (`FILE` or, for a .ttc, `FILE#PostScriptName`; a .ttc
 * without a name takes the Simplified Chinese face of a Noto CJK collection), else the first of
 * DEFAULT_PDF_FONTS that exists; none → PDF_FONT_MISSING, which tells the clerk to print instead.
 */
export function resolvePdfFont(configured: string, exists: (f: string) => boolean = existsSync): PdfFont {
  if (configured) {
    const [file = '', name] = configured.split('#');
    if (!exists(file)) throw new DomainError('PDF_FONT_MISSING', { font: basename(file) });
    if (name) return { file, name };
    if (/\.ttc$/i.test(file))
      return { file, name: /serif/i.test(file) ? 'NotoSerifCJKsc-Regular' : 'NotoSansCJKsc-Regular' };
    return { file };
  }
  const found = DEFAULT_PDF_FONTS.find((f) => exists(f.file));
  if (!found) throw new DomainError('PDF_FONT_MISSING', { font: 'fonts-noto-cjk' });
  return found;
}

type Texts = {
  heading: string;
  reviewHeading: string;
  no: string;
  dear: (name: string) => string;
  dearAnon: string;
  intro: (date: string, outlet: string) => string;
  claim: string;
  factsVerified: string;
  basis: string;
  reasons: string;
  result: string;
  remedies: string;
  remediesIntro: string;
  reviewBy: (date: string) => string;
  records: string;
  informedAt: string;
  method: string;
  proof: string;
  methods: Record<string, string>;
  kinds: Record<string, string>;
};

/** The words of the notice, as the print view has them (packages/web/src/i18n, notice.*). */
const TEXTS: Record<Locale, Texts> = {
  'zh-CN': {
    heading: '投诉处理决定告知书',
    reviewHeading: '投诉复核决定告知书',
    no: '编号',
    dear: (name) => `尊敬的 ${name}：`,
    dearAnon: '尊敬的客户：',
    intro: (date, outlet) =>
      `您于 ${date} 向我行${outlet}提出的投诉，我行已受理并核实，现将处理决定告知如下：`,
    claim: '投诉诉求',
    factsVerified: '核实情况',
    basis: '处理依据',
    reasons: '处理理由',
    result: '处理结果',
    remedies: '救济途径',
    remediesIntro: '如您对本处理决定有异议，可通过以下途径解决：',
    reviewBy: (date) => `（请于 ${date} 前提出）`,
    records: '告知记录',
    informedAt: '告知时间',
    method: '告知方式',
    proof: '告知凭证',
    methods: {
      phone: '电话',
      sms: '短信',
      letter: '书面函件',
      in_person: '当面告知',
      email: '电子邮件',
      app: '手机银行消息',
    },
    kinds: { decision: '处理决定', review_decision: '复核决定', extension: '延期告知' },
  },
  'en-US': {
    heading: 'Complaint decision notice',
    reviewHeading: 'Complaint review decision notice',
    no: 'No.',
    dear: (name) => `Dear ${name},`,
    dearAnon: 'Dear customer,',
    intro: (date, outlet) =>
      `Your complaint made to our ${outlet} on ${date} has been examined. Our decision follows.`,
    claim: 'Your claim',
    factsVerified: 'Facts verified',
    basis: 'Basis',
    reasons: 'Reasons',
    result: 'Result',
    remedies: 'If you do not accept this decision',
    remediesIntro: 'You may:',
    reviewBy: (date) => ` (by ${date})`,
    records: 'Notice records',
    informedAt: 'Told at',
    method: 'Method',
    proof: 'Proof',
    methods: {
      phone: 'Phone',
      sms: 'SMS',
      letter: 'Letter',
      in_person: 'In person',
      email: 'Email',
      app: 'App message',
    },
    kinds: { decision: 'Decision', review_decision: 'Review decision', extension: 'Extension' },
  },
};

const zone = { timeZone: 'Asia/Shanghai' } as const;
const dateOf = (locale: Locale, at: string) =>
  new Intl.DateTimeFormat(locale, { ...zone, dateStyle: 'long' }).format(new Date(at));
const dateTimeOf = (locale: Locale, at: string) =>
  new Intl.DateTimeFormat(locale, { ...zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

/**
 * The decision notice (Art. 19) as an A4 PDF, with the content of the print view
 * (DecisionNoticePage.tsx): bank and number, salutation, the claim, facts verified, basis, reasons,
 * result, remedies with the review window, outlet and date, then the notice records (Art. 21).
 * Everything the users wrote goes in as text (pdfkit draws it; nothing is interpreted).
 */
export function renderDecisionNoticePdf(n: DecisionNotice, locale: Locale, font: PdfFont): Promise<Buffer> {
  const t = TEXTS[locale];
  const d = n.review ?? n.decision;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: { Title: `${n.review ? t.reviewHeading : t.heading} ${n.no}`, Author: n.bankName || n.outletName },
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('cjk', font.file, font.name);
    doc.font('cjk');
  } catch {
    throw new DomainError('PDF_FONT_MISSING', { font: basename(font.file) });
  }
  const width = doc.page.width - 128;
  doc.fontSize(11).fillColor('#555').text(n.bankName, { align: 'center', width });
  doc.moveDown(0.4);
  doc
    .fontSize(18)
    .fillColor('#000')
    .text(n.review ? t.reviewHeading : t.heading, { align: 'center', width });
  doc.moveDown(0.3);
  doc.fontSize(10).fillColor('#555').text(`${t.no}：${n.no}`, { align: 'center', width });
  doc.moveDown(1);
  doc.fontSize(11).fillColor('#000');
  doc.text(n.complainantName ? t.dear(n.complainantName) : t.dearAnon);
  doc.moveDown(0.5);
  doc.text(t.intro(dateOf(locale, n.receivedAt), n.outletName), { indent: 22, lineGap: 2 });
  const section = (title: string, body: string) => {
    doc.moveDown(0.6);
    doc.fontSize(12).text(title);
    doc.moveDown(0.1);
    doc.fontSize(11).text(body, { lineGap: 2 });
  };
  section(t.claim, n.claim);
  section(t.factsVerified, d.factsVerified);
  section(t.basis, d.basis);
  section(t.reasons, d.reasons);
  section(t.result, d.result);
  if (n.remedies.length) {
    doc.moveDown(0.6);
    doc.fontSize(12).text(t.remedies);
    doc.moveDown(0.1);
    doc.fontSize(11).text(t.remediesIntro, { lineGap: 2 });
    n.remedies.forEach((r, i) => {
      const by =
        r.code === 'review' && n.reviewRequestBy && !n.review
          ? t.reviewBy(dateOf(locale, `${n.reviewRequestBy}T12:00:00+08:00`))
          : '';
      doc.text(`${i + 1}. ${locale === 'zh-CN' ? r.zh : r.en}${by}`, { indent: 12, lineGap: 2 });
    });
  }
  doc.moveDown(1.5);
  doc.text(n.bankName ? `${n.bankName} ${n.outletName}` : n.outletName, { align: 'right', width });
  doc.text(dateOf(locale, d.decidedAt), { align: 'right', width });
  if (n.notices.length) {
    doc.moveDown(1.2);
    doc.fontSize(10).fillColor('#555').text(t.records);
    doc.fontSize(9);
    for (const r of n.notices) {
      const kind = r.kind !== 'decision' ? ` (${t.kinds[r.kind] ?? r.kind})` : '';
      doc.text(
        `${t.informedAt} ${dateTimeOf(locale, r.informedAt)} · ${t.method} ${t.methods[r.method] ?? r.method}${kind} · ${t.proof} ${r.proof}`,
        { lineGap: 2 },
      );
    }
  }
  doc.end();
  return done;
}
