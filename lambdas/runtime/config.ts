import { z } from 'zod';
import { parseBusinessHours } from '../core/time/business-hours.js';

/**
 * Settings read once per container from the environment, validated with zod so a
 * missing or malformed value fails at start-up with its name, not on the first text.
 */
const number = (fallback: number) => z.coerce.number().positive().default(fallback);

export const coreSettingsSchema = z.object({
  BUSINESS_TIMEZONE: z
    .string()
    .default('America/Chicago')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as America/Chicago' }),
  COMPANY_NAME: z.string().min(1).default('Switchboard Home Services'),
  HELP_TEXT: z.string().min(1).optional(),
  /** Straight-line distance × this factor ≈ road distance. */
  ETA_ROAD_FACTOR: number(1.35),
  ETA_AVERAGE_SPEED_KMH: number(40),
  /** A technician location older than this is not trusted for an ETA. */
  LOCATION_MAX_AGE_MINUTES: number(30),
  /** How long the bot waits for an answer to its question before starting over. */
  DIALOGUE_EXPIRY_MINUTES: number(30),
  /** When people answer: "Mon-Fri 08:00-18:00; Sat 09:00-13:00" in the business timezone; "" = always. */
  BUSINESS_HOURS: z
    .string()
    .default('Mon-Fri 08:00-18:00; Sat 09:00-13:00')
    .transform((text, ctx) => {
      try {
        return parseBusinessHours(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Minutes an agent spends per chat: the expected wait told to customers. */
  AVERAGE_HANDLE_MINUTES: number(6),
  /** Texts per minute from one number above which automated replies stop (Twilio's loop limit is 30 in 30 s). */
  LOOP_GUARD_PER_MINUTE: z.coerce.number().int().min(2).max(60).default(12),
  /** Booking windows offered when rescheduling, "08:00-12:00,13:00-17:00". */
  SLOT_WINDOWS: z
    .string()
    .default('08:00-12:00,13:00-17:00')
    .transform((text, ctx) => {
      const windows = text.split(',').map((part) => part.trim().match(/^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/));
      if (windows.some((match) => !match || `${match[1]}:${match[2]}` >= `${match[3]}:${match[4]}`)) {
        ctx.addIssue({ code: 'custom', message: 'must be like "08:00-12:00,13:00-17:00"' });
        return z.NEVER;
      }
      return windows.map((match) => ({ start: `${match![1]}:${match![2]}`, end: `${match![3]}:${match![4]}` }));
    }),
  /** Visits one technician takes per booking window. */
  SLOT_CAPACITY: z.coerce.number().int().min(1).max(50).default(4),
  /** How many days ahead rescheduling looks for open slots. */
  RESCHEDULE_DAYS_AHEAD: z.coerce.number().int().min(1).max(60).default(7),
});
export type CoreSettings = z.infer<typeof coreSettingsSchema>;

export const storeSettingsSchema = z.object({
  DIRECTORY_TABLE: z.string().min(1).default('switchboard-directory'),
  CONVERSATIONS_TABLE: z.string().min(1).default('switchboard-conversations'),
});
export type StoreSettings = z.infer<typeof storeSettingsSchema>;

export const webhookSettingsSchema = z.object({
  /** Twilio signs `PUBLIC_BASE_URL + path`; never rebuilt from request headers. */
  PUBLIC_BASE_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Parses the environment against a schema; the error names every bad setting. */
export function readSettings<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Where escalations and outbound messages go (on AWS: the SNS topic and the SQS queue). */
export const messagingSettingsSchema = z.object({
  /** Set for the functions that escalate chats. */
  EVENTS_TOPIC_ARN: z.string().min(1).optional(),
  /** Set for the functions that queue outbound messages. */
  OUTBOUND_QUEUE_URL: z.url().optional(),
  /** Sends tried before a transient failure is given up to the dead-letter queue. */
  OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
});

export const deskSettingsSchema = z.object({
  AGENT_MAX_CHATS: z.coerce.number().int().min(1).max(50).default(5),
  QUEUE_IDLE_MINUTES: z.coerce.number().positive().default(10),
});

export const twilioAccountSchema = z.object({
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID (AC + 32 hex)'),
  TWILIO_PHONE_NUMBER: z.string().regex(/^\+\d{8,15}$/, 'must be the company number in E.164'),
});

/** Hours when customers are not texted unprompted ("Mon-Sun 21:00-24:00; Mon-Sun 00:00-08:00"); empty = never. */
export const noticeSettingsSchema = z.object({
  QUIET_HOURS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      if (text.trim() === '') return undefined;
      try {
        return parseBusinessHours(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});
