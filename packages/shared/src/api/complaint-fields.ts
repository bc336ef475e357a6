import { z } from 'zod';
import { endpoints } from './endpoint';
import { LowerCode } from './fields';

/**
 * Fields the complaint contracts share (complaints, steps, tasks, codes). Internal to the
 * contract: not re-exported from the API's index.
 */
export { Day as CalendarDate, RecordParams, required, text } from './fields';
/** A code of the JR/T 0169 tables (channel, category, cause). */
export const ComplaintCodeField = LowerCode;
/** The builder of the complaint contract's endpoints (tag `complaints`), shared by its parts. */
export const complaintEndpoints = endpoints(['complaints']);
/** An instant with an offset or Z (2026-11-02T09:30:00+08:00), kept as ISO UTC. */
export const ZonedInstant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
