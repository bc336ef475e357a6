import { z } from 'zod';
import { Id } from './common';

/**
 * Fields the complaint contracts share (complaints, steps, tasks, codes). Internal to the
 * contract: not re-exported from the API's index.
 */
export const text = (max: number) => z.string().trim().max(max);
export const required = (max: number) => z.string().trim().min(1).max(max);
/** A code of the JR/T 0169 tables (channel, category, cause). */
export const ComplaintCodeField = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/);
/** An instant with an offset or Z (2026-11-02T09:30:00+08:00), kept as ISO UTC. */
export const ZonedInstant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
/** A `YYYY-MM-DD` calendar date. */
export const CalendarDate = z.iso.date();
/** `/complaints/:id` (and the other records found by their own id). */
export const RecordParams = z.object({ id: Id });
