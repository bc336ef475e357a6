import type { Complaint, ComplaintPatch } from '@liangdian/shared/api';

/** The values of the complaint form that an edit may change. */
export interface EditValues {
  channel: string;
  category: string;
  cause: string;
  staffId?: string | null;
  peopleCount: number;
  claim: string;
  facts?: string;
  rootCause?: string;
  complainantName?: string;
  complainantPhone?: string;
  complainantIdNumber?: string;
  /** remove the stored phone / ID number (sent as null) */
  clearPhone?: boolean;
  clearIdNumber?: boolean;
  /** a regulator case's dates (Art. 33), `YYYY-MM-DD` */
  regulatorReceivedOn?: string | null;
  forwardedOn?: string | null;
}

type EditedComplaint = Pick<
  Complaint,
  | 'channel'
  | 'category'
  | 'cause'
  | 'staffId'
  | 'peopleCount'
  | 'claim'
  | 'facts'
  | 'rootCause'
  | 'source'
  | 'regulatorReceivedOn'
  | 'forwardedOn'
>;

/** What an edit may change (PATCH /complaints/:id; outlet, receipt time and source stay). */
export type Patch = ComplaintPatch;

/** The fields of an edit that differ from the complaint; personal data only when re-entered. */
export function editPatch(c: EditedComplaint, v: EditValues): Patch {
  const patch: Patch = {};
  if (v.channel !== c.channel) patch.channel = v.channel;
  if (v.category !== c.category) patch.category = v.category;
  if (v.cause !== c.cause) patch.cause = v.cause;
  if ((v.staffId || null) !== c.staffId) patch.staffId = v.staffId || null;
  if (v.peopleCount !== c.peopleCount) patch.peopleCount = v.peopleCount;
  if (v.claim.trim() !== c.claim) patch.claim = v.claim.trim();
  if ((v.facts?.trim() ?? '') !== c.facts) patch.facts = v.facts?.trim() ?? '';
  if (c.source === 'regulator') {
    if (v.regulatorReceivedOn !== undefined && (v.regulatorReceivedOn || null) !== c.regulatorReceivedOn)
      patch.regulatorReceivedOn = v.regulatorReceivedOn || null;
    if (v.forwardedOn !== undefined && (v.forwardedOn || null) !== c.forwardedOn)
      patch.forwardedOn = v.forwardedOn || null;
  }
  const root = v.rootCause?.trim() || null;
  if (root !== (c.rootCause || null)) patch.rootCause = root;
  // The form shows personal data masked: an empty box keeps the stored value.
  if (v.complainantName?.trim()) patch.complainantName = v.complainantName.trim();
  if (v.clearPhone) patch.complainantPhone = null;
  else if (v.complainantPhone?.trim()) patch.complainantPhone = v.complainantPhone.trim();
  if (v.clearIdNumber) patch.complainantIdNumber = null;
  else if (v.complainantIdNumber?.trim()) patch.complainantIdNumber = v.complainantIdNumber.trim();
  return patch;
}
