import { complaintsApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import { contentDisposition } from '../../lib/xlsx';
import { mountAttachments } from './attachments.routes';
import type { AttachmentsService } from './attachments.service';
import type { ComplaintCase } from './complaint-case';
import { mountComplaintCodes } from './complaint-codes.routes';
import type { ComplaintCodesService } from './complaint-codes.service';
import { mountComplaintImport } from './complaint-import.routes';
import type { ComplaintImportService } from './complaint-import.service';
import { mountComplaintSteps } from './complaint-steps.routes';
import type { ComplaintStepsService } from './complaint-steps.service';
import { mountComplaintTasks } from './complaint-tasks.routes';
import type { ComplaintTasksService } from './complaint-tasks.service';
import type { ComplaintsService } from './complaints.service';
import type { DecisionNoticeService } from './decision-notice.service';
import { complaintSheet } from './complaints.sheets';
import { mountNotifications } from './notifications.routes';
import type { NotificationsService } from './notifications.service';

/** The services of the complaint case, each mounted with its part of the contract. */
export interface ComplaintCaseServices {
  cases: ComplaintCase;
  complaints: ComplaintsService;
  steps: ComplaintStepsService;
  tasks: ComplaintTasksService;
  codes: ComplaintCodesService;
  attachments: AttachmentsService;
  imports: ComplaintImportService;
  notifications: NotificationsService;
  notices: DecisionNoticeService;
}

/** The complaint case: registration, reading and editing, then each other part of the case. */
export async function complaintsRoutes(app: FastifyInstance, opts: ComplaintCaseServices) {
  const { cases, complaints, codes } = opts;
  mount(app, complaintsApi, {
    listComplaints: {
      list: ({ actor, query }) => complaints.list(actor, query),
      // a search by the complainant's data is audited once a request: a page asks for its key
      // first (its answer may come from the cache), an export for its sheet
      cacheKey: async ({ actor, query }) => {
        await complaints.recordSearch(actor, query);
        return complaints.listKey(actor, query);
      },
      sheet: async ({ actor, query }) => {
        await complaints.recordSearch(actor, query);
        return complaintSheet(await codes.names(), await cases.filterNames(actor, query));
      },
    },
    listHandlers: async ({ actor, query }) => ({ items: await complaints.handlers(actor, query.outletId) }),
    createComplaint: ({ actor, body }) => complaints.create(actor, body),
    getComplaint: ({ actor, params }) => complaints.get(actor, params.id),
    updateComplaint: ({ actor, params, body }) => complaints.update(actor, params.id, body),
    unmaskComplaint: ({ actor, params, body }) => complaints.unmask(actor, params.id, body?.reason ?? ''),
    setEmergency: ({ actor, params, body }) => complaints.setEmergency(actor, params.id, body.items),
    listEvents: async ({ actor, params }) => ({ items: await complaints.events(actor, params.id) }),
    getDecisionNotice: ({ actor, params, query }) => opts.notices.notice(actor, params.id, query),
    getDecisionNoticePdf: async ({ actor, params, query, locale, reply }) => {
      const { fileName, data } = await opts.notices.pdf(actor, params.id, query, locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(fileName).replace(/^attachment/, 'inline'))
        .header('cache-control', 'no-store')
        .send(data);
    },
  });
  mountComplaintSteps(app, opts.steps);
  mountComplaintTasks(app, opts.tasks, cases);
  mountComplaintCodes(app, codes);
  mountAttachments(app, opts.attachments);
  mountComplaintImport(app, opts.imports);
  mountNotifications(app, opts.notifications);
}
