import type { Address, Conversation, TranscriptMessage } from '../domain/conversation.js';
import type { Appointment, Customer, Technician } from '../domain/directory.js';
import type { Language } from '../domain/language.js';
import { StaleWriteError } from '../errors/stale-write.error.js';
import { estimateArrival } from '../eta/estimate-arrival.js';
import type { ConversationDeps } from '../conversation/conversation-deps.js';
import { openConversationFor, storedConversation } from '../conversation/open-conversation.js';
import type { OutboundQueue } from '../ports.js';
import { businessDate } from '../time/business-time.js';
import { isOpen, type OpeningHours } from '../time/business-hours.js';
import { formatTimeRange, formatWindow } from '../time/format.js';
import { toSmsBody } from '../text/sms-encoding.js';

export interface NoticeDeps extends ConversationDeps {
  outbound: OutboundQueue;
  /** When customers are not texted unprompted (e.g. 21:00-08:00); empty = never quiet. */
  quietHours: OpeningHours | undefined;
}

const WHATSAPP_WINDOW_MS = 24 * 3600_000;
const firstName = (technician: Technician | undefined, language: Language) =>
  technician?.name.split(/\s+/)[0] ?? (language === 'en' ? 'Your technician' : 'Su tecnico');

/** "Sam is on the way, arriving about 2:10-2:25 pm", sent once when the job goes en route. */
export async function notifyOnTheWay(deps: NoticeDeps, appointment: Appointment): Promise<boolean> {
  if (appointment.onTheWayNoticeAt) return false;
  const customer = await deps.directory.getCustomer(appointment.customerId);
  if (!customer) return false;
  const now = deps.clock.now();
  const answer = await estimateArrival([appointment], now, deps.directory, deps.travel, deps.settings);
  const technician = await deps.directory.getTechnician(appointment.technicianId);
  const name = firstName(technician, customer.language);
  const text =
    answer.kind === 'estimate'
      ? customer.language === 'en'
        ? `${name} is on the way, arriving about ${formatTimeRange(answer.earliest, answer.latest, deps.settings.timeZone)}.`
        : `${name} va en camino, llegara aprox. ${formatTimeRange(answer.earliest, answer.latest, deps.settings.timeZone)}.`
      : customer.language === 'en'
        ? `${name} is on the way to your visit.`
        : `${name} va en camino a su visita.`;
  return sendOnce(deps, customer, appointment, 'onTheWayNoticeAt', text);
}

/**
 * After a location ping or a job update: each later customer whose running ETA now ends
 * after their booked window gets one honest heads-up (not one per ping).
 */
export async function notifyRunningLate(deps: NoticeDeps, technicianId: string): Promise<number> {
  const now = deps.clock.now();
  const today = businessDate(now, deps.settings.timeZone);
  const route = await deps.directory.listRoute(technicianId, today);
  let sent = 0;
  for (const stop of route.filter((s) => (s.status === 'scheduled' || s.status === 'en_route') && !s.delayNoticeAt)) {
    const answer = await estimateArrival([stop], now, deps.directory, deps.travel, deps.settings);
    if (answer.kind !== 'estimate' || !answer.late) continue;
    const customer = await deps.directory.getCustomer(stop.customerId);
    if (!customer) continue;
    const tz = deps.settings.timeZone;
    const range = formatTimeRange(answer.earliest, answer.latest, tz);
    const window = formatWindow(stop.date, stop.window, tz);
    const name = firstName(answer.technician, customer.language);
    const text =
      customer.language === 'en'
        ? `Sorry, ${name} is running late: now arriving about ${range}, after your ${window} window. Reply AGENT to talk to a person.`
        : `Disculpe, ${name} va con retraso: llegara aprox. ${range}, despues de su horario de ${window}. Responda AGENTE para hablar con una persona.`;
    if (await sendOnce(deps, customer, stop, 'delayNoticeAt', text)) sent += 1;
  }
  return sent;
}

/**
 * Marks the notice on the appointment first (conditional, so concurrent pings send it once),
 * then queues the message on the customer's channel. Skips opted-out numbers and quiet hours.
 */
async function sendOnce(
  deps: NoticeDeps,
  customer: Customer,
  appointment: Appointment,
  field: 'onTheWayNoticeAt' | 'delayNoticeAt',
  text: string,
): Promise<boolean> {
  const now = deps.clock.now();
  if (deps.quietHours && isOpen(deps.quietHours, now, deps.settings.timeZone)) return false;
  const address = await preferredAddress(deps, customer, now);
  if (!address) return false;
  try {
    await deps.directory.saveAppointment({ ...appointment, [field]: now.toISOString() }, { status: [appointment.status], read: appointment });
  } catch (error) {
    if (error instanceof StaleWriteError) return false;
    throw error;
  }
  const conversation = await conversationFor(deps, address, customer, now);
  const message: TranscriptMessage = {
    conversationId: conversation.id,
    sid: `PN${deps.ids.next().replace(/-/g, '')}`,
    direction: 'outbound',
    author: 'bot',
    body: toSmsBody(text),
    at: now.toISOString(),
    status: 'queued',
  };
  await deps.conversations.appendMessages([message]);
  await deps.outbound.enqueue({ conversationId: message.conversationId, sid: message.sid, at: message.at, to: address, body: message.body, attempt: 1 });
  return true;
}

/**
 * WhatsApp when the customer wrote there within the last 24 hours (free-form messages are
 * allowed then); SMS to their first number otherwise. Opted-out numbers get nothing.
 */
async function preferredAddress(deps: NoticeDeps, customer: Customer, now: Date): Promise<Address | undefined> {
  const phone = customer.phones[0];
  if (!phone) return undefined;
  const whatsapp: Address = { channel: 'whatsapp', phone };
  const thread = await deps.conversations.getThread(whatsapp);
  if (thread && !thread.optedOut && thread.conversationId) {
    const conversation = await deps.conversations.getConversation(thread.conversationId);
    const last = conversation?.lastInboundAt;
    if (last && now.getTime() - Date.parse(last) < WHATSAPP_WINDOW_MS) return whatsapp;
  }
  const sms: Address = { channel: 'sms', phone };
  return (await deps.conversations.getThread(sms))?.optedOut ? undefined : sms;
}

async function conversationFor(deps: NoticeDeps, address: Address, customer: Customer, now: Date): Promise<Conversation> {
  const thread = await deps.conversations.getThread(address);
  const id = thread?.conversationId;
  const current = { id, conversation: id ? await deps.conversations.getConversation(id) : undefined };
  // Stored before the notice is kept in it: a transcript always has its conversation.
  return storedConversation(deps, await openConversationFor(deps, address, current, async () => customer, now));
}
