import { z } from 'zod';
import { CHANNELS, HANDOFF_REASONS } from '../domain/conversation.js';
import { APPOINTMENT_STATUSES } from '../domain/directory.js';
import { LANGUAGES } from '../domain/language.js';

/**
 * `conversation.escalated` (SPEC §6): published whenever a chat enters the agents' queue,
 * so any live-chat system can pick it up. Documented in docs/agent-api.md.
 */
export const escalationEventSchema = z.object({
  type: z.literal('conversation.escalated'),
  version: z.literal(1),
  /** Stable per escalation (conversation + time), so subscribers can drop duplicates. */
  id: z.string().min(1),
  occurredAt: z.iso.datetime(),
  conversationId: z.string().min(1),
  channel: z.enum(CHANNELS),
  language: z.enum(LANGUAGES),
  reason: z.enum(HANDOFF_REASONS),
  priority: z.enum(['normal', 'urgent']),
  customer: z
    .object({ id: z.string(), name: z.string(), phone: z.string(), accountNumber: z.string().optional() })
    .nullable(),
  /** Set when the number is not a known customer's. */
  phone: z.string().optional(),
  transcript: z.array(
    z.object({
      direction: z.enum(['inbound', 'outbound']),
      author: z.enum(['customer', 'bot', 'agent']),
      body: z.string(),
      at: z.iso.datetime(),
    }),
  ),
  bot: z.object({
    lastIntents: z.array(z.object({ intent: z.string().nullable(), confidence: z.number(), at: z.iso.datetime() })),
    appointment: z
      .object({
        id: z.string(),
        date: z.iso.date(),
        window: z.object({ start: z.string(), end: z.string() }),
        status: z.enum(APPOINTMENT_STATUSES),
        technicianId: z.string(),
      })
      .nullable(),
  }),
});
export type EscalationEvent = z.infer<typeof escalationEventSchema>;
