import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, toXlsx, XLSX_MIME, type XlsxColumn } from '../lib/xlsx';
import { requestLocale } from './problem';

type Labelled<T> = Omit<XlsxColumn<T>, 'header'> & { header: { 'zh-CN': string; 'en-US': string } };

/** Sends rows as an .xlsx download with headers in the requester's language. */
export async function sendXlsx<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  name: { 'zh-CN': string; 'en-US': string },
  columns: Labelled<T>[],
  rows: T[],
) {
  const locale = requestLocale(req);
  const buf = await toXlsx(
    name[locale],
    columns.map((c) => ({ ...c, header: c.header[locale] })),
    rows,
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition(`${name[locale]}-${stamp}.xlsx`))
    .send(buf);
}

export const yesNo = (locale: 'zh-CN' | 'en-US', v: boolean) =>
  locale === 'zh-CN' ? (v ? '是' : '否') : v ? 'Yes' : 'No';
