import type { DecisionNotice, DecisionNoticeQuery } from '@liangdian/shared/api';
import { allows } from '@liangdian/shared';
import { DomainError, forbidden } from '../../lib/errors';
import type { Locale } from '../../lib/messages';
import type { Q } from '../../db/types';
import type { Actor } from '../access/policy';
import { fieldError, type ComplaintDeps } from './complaint-case';
import { presentNotice, REMEDY_TEXT } from './complaints.presenter';
import * as repo from './complaints.repository';
import { renderDecisionNoticePdf, resolvePdfFont } from './decision-notice.pdf';

/**
 * The decision notice (Art. 19) with the record of how the complainant was told (Art. 21), as
 * data for the print view and as a PDF. The complainant's name is masked (consultants: none)
 * unless a role that may unmask asks for it in clear with a reason: then one `unmask` audit
 * entry names the notice (`purpose: 'decision_notice'`, and `pdf: true` for the PDF).
 */
export class DecisionNoticeService {
  constructor(
    private readonly deps: ComplaintDeps,
    /** PDF_FONT_PATH (empty: Debian's fonts-noto-cjk) */
    private readonly pdfFontPath: string,
  ) {}

  async notice(
    actor: Actor,
    id: string,
    ask: DecisionNoticeQuery = {},
    pdf = false,
  ): Promise<DecisionNotice> {
    const c = await this.deps.cases.found(this.deps.db, actor, id);
    if (!c.decision_json) throw new DomainError('INVALID_STATE');
    if (ask.clear) {
      if (!allows(actor, 'complaints.unmask', c.outlet_id)) throw forbidden();
      this.deps.cases.notRecused(actor, c);
      if (!ask.reason) throw fieldError('query.reason', 'REASON_REQUIRED');
    }
    const build = async (q: Q): Promise<DecisionNotice> => {
      const view = ask.clear ? this.deps.cases.view(c, 'clear') : this.deps.cases.viewFor(actor, c);
      const decision = view.decision!;
      const latest = view.review ?? decision;
      return {
        complaintId: c.id,
        no: c.no,
        bankName: (await repo.bankNameOf(q, c.branch_id)) ?? '',
        outletName: c.outlet_name,
        personalData: view.personalData,
        receivedAt: c.received_at,
        complainantName: view.complainantName,
        claim: c.claim,
        decision,
        review: view.review,
        remedies: latest.remedies.map((code) => ({ code, ...REMEDY_TEXT[code] })),
        // the complaint's own window (Art. 20), once a review is asked for none is left to print
        reviewRequestBy: view.review ? null : view.reviewRequestBy,
        onTime: view.onTime,
        notices: (await repo.listNotices(q, id)).map(presentNotice),
      };
    };
    if (!ask.clear) return build(this.deps.db);
    // inside the audited change's transaction: a query beside it would wait for it
    return this.deps.changes.run(actor, async (trx) => [
      await build(trx),
      this.deps.cases.auditEntry('unmask', c, {
        after: {
          no: c.no,
          fields: ['complainantName'],
          reason: ask.reason,
          purpose: 'decision_notice',
          ...(pdf ? { pdf: true } : {}),
        },
      }),
    ]);
  }

  /** The notice as an A4 PDF in the reader's language, with its file name. */
  async pdf(actor: Actor, id: string, ask: DecisionNoticeQuery, locale: Locale) {
    const font = resolvePdfFont(this.pdfFontPath);
    const n = await this.notice(actor, id, ask, true);
    return { fileName: `${n.no}.pdf`, data: await renderDecisionNoticePdf(n, locale, font) };
  }
}
