import { z } from 'zod';
import { DELIVERY_STATUSES } from '../core/domain/conversation.js';
import { parseWith } from './agent-api.schema.js';

/** The fields of Twilio's message status callback that Switchboard reads. */
export const twilioStatusSchema = z.object({
  MessageSid: z.string({ error: 'MessageSid is required' }).regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'MessageSid is not a Twilio message sid'),
  MessageStatus: z.enum([...DELIVERY_STATUSES, 'accepted', 'scheduled', 'read', 'receiving', 'received', 'canceled'], {
    error: 'MessageStatus is not a Twilio message status',
  }),
  ErrorCode: z.string().regex(/^\d{0,6}$/).optional(),
  ErrorMessage: z.string().max(500).optional(),
});

export function parseTwilioStatus(body: unknown) {
  return parseWith(twilioStatusSchema, body ?? {});
}
