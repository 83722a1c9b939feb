import { z } from 'zod';

const date = (name: string) =>
  z
    .string({ error: `${name} is required (YYYY-MM-DD)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date like 2026-11-01`)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), `${name} is not a calendar date`);

/** Longest range one report covers (a year and a day, so a leap year fits). */
export const MAX_REPORT_DAYS = 366;

/** `from` and `to`: business days, both included. */
export const reportRangeSchema = z
  .object({ from: date('from'), to: date('to') })
  .refine((range) => range.from <= range.to, 'from must not be after to')
  .refine(
    (range) => (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 < MAX_REPORT_DAYS,
    `a report covers at most ${MAX_REPORT_DAYS} days`,
  );
