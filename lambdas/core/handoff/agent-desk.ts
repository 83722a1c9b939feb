import type { Conversation, TranscriptMessage } from '../domain/conversation.js';
import type { Appointment, Customer } from '../domain/directory.js';
import type { Language } from '../domain/language.js';
import { ChatConflictError, ChatNotFoundError } from '../errors/desk-errors.js';
import { estimateArrival, pickAppointment } from '../eta/estimate-arrival.js';
import type { ConversationDeps } from '../conversation/conversation-deps.js';
import { replies } from '../conversation/replies.js';
import type { OutboundQueue } from '../ports.js';
import { businessDate } from '../time/business-time.js';
import { toSmsBody } from '../text/sms-encoding.js';
import { arrivalReply } from '../../../intents/technician-eta/replies.js';

export interface AgentDeskDeps extends ConversationDeps {
  outbound: OutboundQueue;
  desk: {
    /** Chats one agent may hold at once (SMS is asynchronous). */
    maxChatsPerAgent: number;
    /** A chat waiting (or a customer waiting for an agent's reply) longer than this is flagged. */
    idleMinutes: number;
  };
}

export interface Agent {
  name: string;
  languages: readonly Language[];
}

/** WhatsApp allows free-form replies for 24 hours after the customer's last message. */
const WHATSAPP_WINDOW_MS = 24 * 3600_000;

export interface ChatView {
  id: string;
  status: Conversation['status'];
  channel: Conversation['address']['channel'];
  phone: string;
  language: Language;
  reason?: string;
  priority?: 'normal' | 'urgent';
  waitingSince?: string;
  assignedTo?: string;
  assignedAt?: string;
  closedAt?: string;
  csat?: number;
  flags: string[];
  unread: number;
  whatsappWindowOpen: boolean;
  customer: { id: string; name: string; phone: string; accountNumber?: string; language: Language } | null;
  visit: {
    id: string;
    date: string;
    window: Appointment['window'];
    status: Appointment['status'];
    technician?: string;
    address: string;
    eta: string;
  } | null;
  botView: { lastIntents: Conversation['lastIntents'] };
  transcript: TranscriptMessage[];
}

async function load(deps: AgentDeskDeps, id: string): Promise<Conversation> {
  const conversation = await deps.conversations.getConversation(id);
  if (!conversation) throw new ChatNotFoundError(id);
  return conversation;
}

/** The waiting queue (urgent first, then oldest) for the agent's languages, or the agent's own chats. */
export async function listChats(
  deps: AgentDeskDeps,
  agent: Agent,
  query: { status: 'waiting' | 'assigned'; mine: boolean; language?: Language },
): Promise<ChatView[]> {
  await deps.conversations.touchAgent(agent.name, deps.clock.now());
  const chats = await deps.conversations.listQueue(query.status, query.status === 'assigned' && query.mine ? agent.name : undefined);
  const languages = query.language ? [query.language] : agent.languages;
  const visible = query.status === 'waiting' ? chats.filter((chat) => languages.includes(chat.language)) : chats;
  const customers = await deps.directory.getCustomers(visible.flatMap((chat) => (chat.customerId ? [chat.customerId] : [])));
  return Promise.all(visible.map((chat) => view(deps, chat, agent, { withVisit: false, customers })));
}

export async function getChat(deps: AgentDeskDeps, agent: Agent, id: string): Promise<ChatView> {
  const chat = await view(deps, await load(deps, id), agent);
  await deps.conversations.setReadMark(id, agent.name, deps.clock.now().toISOString());
  return { ...chat, unread: 0 };
}

/** Takes a waiting chat. Atomic: of two agents claiming at once, one wins, the other gets a conflict. */
export async function claimChat(deps: AgentDeskDeps, agent: Agent, id: string): Promise<ChatView> {
  const conversation = await load(deps, id);
  if (conversation.status === 'assigned' && conversation.assignedTo === agent.name) return view(deps, conversation, agent);
  if (conversation.status === 'assigned') {
    throw new ChatConflictError('held_by_another_agent', `${conversation.assignedTo} already has this chat`);
  }
  if (conversation.status !== 'waiting') throw new ChatConflictError('not_waiting', 'This chat is not waiting for a person');
  const mine = await deps.conversations.listQueue('assigned', agent.name);
  if (mine.length >= deps.desk.maxChatsPerAgent) {
    throw new ChatConflictError('too_many_chats', `You already hold ${mine.length} chats (the limit is ${deps.desk.maxChatsPerAgent})`);
  }
  const now = deps.clock.now().toISOString();
  try {
    const claimed = await deps.conversations.saveConversation({
      ...conversation,
      status: 'assigned',
      assignedTo: agent.name,
      assignedAt: now,
      updatedAt: now,
    });
    return view(deps, claimed, agent);
  } catch (error) {
    if ((error as Error).name !== 'StaleWriteError') throw error;
    // Someone changed it first (another claim, or a customer text): decide on the fresh state.
    const fresh = await load(deps, id);
    if (fresh.status === 'assigned' && fresh.assignedTo !== agent.name) {
      throw new ChatConflictError('held_by_another_agent', `${fresh.assignedTo} already has this chat`);
    }
    return claimChat(deps, agent, id);
  }
}

/**
 * Sends the agent's reply on the chat's channel through the outbound queue, kept in the
 * transcript as `queued` until the provider reports on it.
 */
export async function replyToChat(deps: AgentDeskDeps, agent: Agent, id: string, body: string): Promise<TranscriptMessage> {
  const conversation = await load(deps, id);
  mustHold(conversation, agent);
  const thread = await deps.conversations.getThread(conversation.address);
  if (thread?.optedOut) throw new ChatConflictError('opted_out', 'The customer opted out (STOP): no message can be sent until they text START');
  const now = deps.clock.now();
  if (conversation.address.channel === 'whatsapp' && !whatsappWindowOpen(conversation, now)) {
    throw new ChatConflictError(
      'whatsapp_window_closed',
      "WhatsApp's 24-hour window since the customer's last message has closed: only an approved template can be sent",
    );
  }
  const message: TranscriptMessage = {
    conversationId: conversation.id,
    sid: `AG${deps.ids.next().replace(/-/g, '')}`,
    direction: 'outbound',
    author: 'agent',
    agent: agent.name,
    body: toSmsBody(body),
    at: now.toISOString(),
    status: 'queued',
  };
  await deps.conversations.appendMessages([message]);
  await deps.outbound.enqueue({ conversationId: message.conversationId, sid: message.sid, at: message.at, to: conversation.address, body: message.body, attempt: 1 });
  await saveQuietly(deps, { ...conversation, lastAgentReplyAt: message.at, updatedAt: message.at });
  return message;
}

/** Ends the chat: the bot answers the number again. Optionally asks the customer for a 1–5 rating. */
export async function closeChat(deps: AgentDeskDeps, agent: Agent, id: string, options: { csat: boolean }): Promise<ChatView> {
  const conversation = await load(deps, id);
  mustHold(conversation, agent);
  const now = deps.clock.now().toISOString();
  const closed = await deps.conversations.saveConversation({
    ...conversation,
    status: 'closed',
    closedAt: now,
    closedBy: agent.name,
    updatedAt: now,
  });
  const thread = await deps.conversations.getThread(conversation.address);
  if (options.csat && !thread?.optedOut && whatsappWindowOpen(conversation, deps.clock.now())) {
    const question: TranscriptMessage = {
      conversationId: conversation.id,
      sid: `CS${deps.ids.next().replace(/-/g, '')}`,
      direction: 'outbound',
      author: 'bot',
      body: replies.csatQuestion[conversation.language],
      at: now,
      status: 'queued',
    };
    await deps.conversations.appendMessages([question]);
    await deps.conversations.setCsatRequest(conversation.address, { conversationId: conversation.id, askedAt: now });
    await deps.outbound.enqueue({ ...question, to: conversation.address, attempt: 1 });
  }
  return view(deps, closed, agent);
}

function mustHold(conversation: Conversation, agent: Agent): void {
  if (conversation.status === 'closed') throw new ChatConflictError('chat_closed', 'This chat is closed');
  if (conversation.status !== 'assigned' || conversation.assignedTo !== agent.name) {
    throw new ChatConflictError('not_your_chat', 'Claim this chat before replying to it or closing it');
  }
}

function whatsappWindowOpen(conversation: Conversation, now: Date): boolean {
  if (conversation.address.channel !== 'whatsapp') return true;
  const last = conversation.lastInboundAt ?? conversation.createdAt;
  return now.getTime() - Date.parse(last) < WHATSAPP_WINDOW_MS;
}

/** Bookkeeping fields: losing a race with a customer text must not fail the agent's send. */
async function saveQuietly(deps: AgentDeskDeps, conversation: Conversation): Promise<void> {
  try {
    await deps.conversations.saveConversation(conversation);
  } catch (error) {
    if ((error as Error).name !== 'StaleWriteError') throw error;
    const fresh = await deps.conversations.getConversation(conversation.id);
    if (fresh) await saveQuietly(deps, { ...fresh, lastAgentReplyAt: conversation.lastAgentReplyAt });
  }
}

/**
 * A chat as agents see it. The visit and its live ETA cost a route look-up, so queue listings
 * leave them out (`visit: null`); opening or claiming a chat includes them.
 */
async function view(
  deps: AgentDeskDeps,
  conversation: Conversation,
  agent: Agent,
  options: { withVisit: boolean; customers?: Map<string, Customer> } = { withVisit: true },
): Promise<ChatView> {
  const now = deps.clock.now();
  const customer = !conversation.customerId
    ? undefined
    : (options.customers?.get(conversation.customerId) ?? (await deps.directory.getCustomer(conversation.customerId)));
  // Unread counts matter for the chats an agent holds; a waiting chat is unread by everyone.
  const unreadTracked = conversation.status === 'assigned' || options.withVisit;
  const [transcript, readMark, visit] = await Promise.all([
    deps.conversations.listMessages(conversation.id),
    unreadTracked ? deps.conversations.getReadMark(conversation.id, agent.name) : Promise.resolve(undefined),
    customer && options.withVisit ? visitOf(deps, customer, now) : Promise.resolve(null),
  ]);
  const unread = transcript.filter((m) => m.author === 'customer' && (!readMark || m.at > readMark)).length;
  return {
    id: conversation.id,
    status: conversation.status,
    channel: conversation.address.channel,
    phone: conversation.address.phone,
    language: conversation.language,
    reason: conversation.handoff?.reason,
    priority: conversation.handoff?.priority,
    waitingSince: conversation.handoff?.at,
    assignedTo: conversation.assignedTo,
    assignedAt: conversation.assignedAt,
    closedAt: conversation.closedAt,
    csat: conversation.csat,
    flags: isIdle(deps, conversation, now) ? ['idle'] : [],
    unread,
    whatsappWindowOpen: whatsappWindowOpen(conversation, now),
    customer: customer
      ? { id: customer.id, name: customer.name, phone: conversation.address.phone, accountNumber: customer.accountNumber, language: customer.language }
      : null,
    visit,
    botView: { lastIntents: conversation.lastIntents },
    transcript,
  };
}

/** Nobody has answered for too long: a waiting chat, or a customer's text an agent has not answered. */
function isIdle(deps: AgentDeskDeps, conversation: Conversation, now: Date): boolean {
  const limit = deps.desk.idleMinutes * 60_000;
  if (conversation.status === 'waiting') return now.getTime() - Date.parse(conversation.handoff?.at ?? conversation.updatedAt) > limit;
  if (conversation.status !== 'assigned') return false;
  const customerLast = conversation.lastInboundAt ?? conversation.assignedAt ?? conversation.updatedAt;
  const answered = conversation.lastAgentReplyAt && conversation.lastAgentReplyAt >= customerLast;
  return !answered && now.getTime() - Date.parse(customerLast) > limit;
}

async function visitOf(deps: AgentDeskDeps, customer: Customer, now: Date): Promise<ChatView['visit']> {
  const appointments = await deps.directory.listCustomerAppointments(customer.id);
  const appointment = pickAppointment(appointments, businessDate(now, deps.settings.timeZone));
  if (!appointment) return null;
  const [technician, answer] = await Promise.all([
    deps.directory.getTechnician(appointment.technicianId),
    estimateArrival(appointments, now, deps.directory, deps.travel, deps.settings),
  ]);
  return {
    id: appointment.id,
    date: appointment.date,
    window: appointment.window,
    status: appointment.status,
    technician: technician?.name,
    address: appointment.address.line1,
    eta: arrivalReply(answer, 'en', deps.settings.timeZone),
  };
}
