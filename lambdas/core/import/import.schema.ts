import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '../domain/directory.js';
import { LANGUAGES } from '../domain/language.js';
import { toE164 } from '../phone/phone-number.js';
import { daysBetween } from '../time/business-time.js';

/** Records of `npm run import` (SPEC §4). Phones are normalised to E.164 on the way in. */
const id = z.string().trim().min(1).max(64).regex(/^[\w.-]+$/, 'ids use letters, digits, "-", "_" and "." only');
const phone = z.string().transform((raw, ctx) => {
  const e164 = toE164(raw);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid phone number` });
    return z.NEVER;
  }
  return e164;
});
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const isoInstant = z.iso.datetime({ offset: true });
const date = z.iso.date();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'times are HH:mm (24-hour)');

export const customerRecord = z.object({
  id,
  name: z.string().trim().min(1).max(200),
  phones: z
    .array(phone)
    .min(1, 'a customer needs at least one phone number')
    .max(20)
    .transform((phones) => [...new Set(phones)]),
  accountNumber: z.string().trim().min(1).max(64).optional(),
  zip: z.string().trim().min(3).max(12).optional(),
  language: z.enum(LANGUAGES).default('en'),
});

export const technicianRecord = z.object({
  id,
  name: z.string().trim().min(1).max(200),
  phone: phone.optional(),
  location: z.object({ lat, lng, at: isoInstant }).optional(),
});

export const appointmentRecord = z
  .object({
    id,
    customerId: id,
    technicianId: id,
    date,
    window: z.object({ start: hhmm, end: hhmm }),
    address: z.object({ line1: z.string().trim().min(1).max(300), lat, lng, zip: z.string().trim().max(12).optional() }),
    sequence: z.number().int().min(1).max(1000),
    durationMinutes: z.number().int().min(1).max(24 * 60),
    status: z.enum(APPOINTMENT_STATUSES).default('scheduled'),
    statusAt: isoInstant.optional(),
    service: z.string().trim().max(200).optional(),
  })
  .refine((a) => a.window.start < a.window.end, { message: 'window.start must be before window.end', path: ['window'] })
  .refine((a) => Math.abs(daysBetween('2000-01-01', a.date)) < 100 * 366, { message: 'date is out of range', path: ['date'] });

export type CustomerRecord = z.infer<typeof customerRecord>;
export type TechnicianRecord = z.infer<typeof technicianRecord>;
export type AppointmentRecord = z.infer<typeof appointmentRecord>;

/** The file's outer shape; records are checked one by one so one bad record stops nothing else. */
export const importFileSchema = z.object({
  customers: z.array(z.unknown()).default([]),
  technicians: z.array(z.unknown()).default([]),
  appointments: z.array(z.unknown()).default([]),
});

export interface ImportFile {
  customers?: unknown[];
  technicians?: unknown[];
  appointments?: unknown[];
}
