import type { Conversation } from '../domain/conversation.js';
import type { Language } from '../domain/language.js';
import { pickAppointment } from '../eta/estimate-arrival.js';
import type { ConversationDeps } from '../conversation/conversation-deps.js';
import { businessDate } from '../time/business-time.js';
import { describeHours, isOpen } from '../time/business-hours.js';
import { escalationEventSchema, type EscalationEvent } from './escalation-event.js';

/** An agent seen by the console within this window counts as online. */
export const ONLINE_WINDOW_MS = 5 * 60_000;
/** Beyond this many waiting chats the estimate does not get more useful. */
const QUEUE_COUNT_CAP = 500;

/**
 * What the customer is told when their chat joins the queue: a safety line first for an
 * emergency, then the expected wait when agents are online, or the opening hours and that
 * the message is kept when the team is closed.
 */
export async function handoffReply(deps: ConversationDeps, conversation: Conversation): Promise<string> {
  const { settings } = deps;
  const language = conversation.language;
  const now = deps.clock.now();
  const safety = conversation.handoff?.priority === 'urgent' ? `${EMERGENCY[language]} ` : '';
  if (!isOpen(settings.businessHours, now, settings.timeZone)) {
    return safety + CLOSED[language](describeHours(settings.businessHours, language));
  }
  const [online, waiting] = await Promise.all([
    deps.conversations.countAgentsSeenSince(new Date(now.getTime() - ONLINE_WINDOW_MS)),
    // Counted, not read: the estimate needs how many, and a long queue must not slow a text.
    deps.conversations.countWaiting(QUEUE_COUNT_CAP),
  ]);
  if (online === 0) return safety + SOON[language];
  // This chat is not saved in the queue yet, so every counted chat is ahead of it.
  const ahead = waiting;
  const minutes = Math.max(2, Math.ceil(((ahead + 1) * settings.averageHandleMinutes) / online));
  return safety + WAIT[language](minutes);
}

const EMERGENCY: Record<Language, string> = {
  en: 'If you smell gas or see smoke, fire or flooding near power, leave now and call 911.',
  es: 'Si huele a gas o ve humo, fuego o agua cerca de la corriente, salga ya y llame al 911.',
};
const WAIT: Record<Language, (minutes: number) => string> = {
  en: (m) => `I'm passing you to a member of our team. They'll text you back right here in about ${m} min.`,
  es: (m) => `Le paso con una persona de nuestro equipo. Le respondera por aqui en unos ${m} min.`,
};
const SOON: Record<Language, string> = {
  en: "I'm passing you to a member of our team. They'll text you back right here as soon as one is free.",
  es: 'Le paso con una persona de nuestro equipo. Le respondera por aqui en cuanto haya alguien libre.',
};
const CLOSED: Record<Language, (hours: string) => string> = {
  en: (hours) => `Our team is available ${hours}. Your message is in our queue and a person will text you back here when we open.`,
  es: (hours) => `Nuestro equipo atiende ${hours}. Su mensaje queda en la cola y una persona le respondera por aqui al abrir.`,
};

/** Announces the escalation with the transcript and the bot's view, validated against its schema. */
export async function publishEscalation(deps: ConversationDeps, conversation: Conversation): Promise<void> {
  const handoff = conversation.handoff;
  if (!handoff) return;
  const customer = conversation.customerId ? await deps.directory.getCustomer(conversation.customerId) : undefined;
  const [transcript, appointments] = await Promise.all([
    deps.conversations.listMessages(conversation.id),
    customer ? deps.directory.listCustomerAppointments(customer.id) : Promise.resolve([]),
  ]);
  const appointment = pickAppointment(appointments, businessDate(deps.clock.now(), deps.settings.timeZone));
  const event: EscalationEvent = escalationEventSchema.parse({
    type: 'conversation.escalated',
    version: 1,
    id: `${conversation.id}:${handoff.at}`,
    occurredAt: handoff.at,
    conversationId: conversation.id,
    channel: conversation.address.channel,
    language: conversation.language,
    reason: handoff.reason,
    priority: handoff.priority,
    customer: customer
      ? { id: customer.id, name: customer.name, phone: conversation.address.phone, accountNumber: customer.accountNumber }
      : null,
    phone: customer ? undefined : conversation.address.phone,
    transcript: transcript.map(({ direction, author, body, at }) => ({ direction, author, body, at })),
    bot: {
      lastIntents: conversation.lastIntents,
      appointment: appointment
        ? {
            id: appointment.id,
            date: appointment.date,
            window: appointment.window,
            status: appointment.status,
            technicianId: appointment.technicianId,
          }
        : null,
    },
  });
  await deps.events.publish(event);
}
