import { z } from 'zod';
import { MAX_BODY_LENGTH } from '../core/text/sms-encoding.js';
import { parseTwilioAddress } from '../core/phone/phone-number.js';
import { BadRequestError } from './http-errors.js';

const single = (name: string) =>
  z.string({ error: `${name} is required` }).refine((value) => typeof value === 'string', `${name} must appear once`);

/** The fields of Twilio's inbound-message webhook that Switchboard reads. */
export const twilioInboundMessageSchema = z.object({
  MessageSid: single('MessageSid').pipe(z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'MessageSid is not a Twilio message sid')),
  From: single('From').transform((value, ctx) => {
    const address = parseTwilioAddress(value);
    if (!address) {
      ctx.addIssue({ code: 'custom', message: 'From is not a phone number (+E.164 or whatsapp:+E.164)' });
      return z.NEVER;
    }
    return address;
  }),
  To: single('To'),
  Body: z
    .string({ error: 'Body must appear once' })
    .max(MAX_BODY_LENGTH, `Body longer than ${MAX_BODY_LENGTH} characters`)
    .default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});
export type TwilioInboundMessage = z.infer<typeof twilioInboundMessageSchema>;

/** Parses once at the edge; a failure names the field. */
export function parseTwilioInbound(body: unknown): TwilioInboundMessage {
  const parsed = twilioInboundMessageSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new BadRequestError(parsed.error.issues.map((issue) => issue.message).join('; '));
}

