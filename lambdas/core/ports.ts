import type { Address, Conversation, DeliveryStatus, TranscriptMessage } from './domain/conversation.js';
import type { EscalationEvent } from './handoff/escalation-event.js';
import type { Appointment, AppointmentStatus, Customer, Technician, TechnicianLocation } from './domain/directory.js';
import type { RouteLookup } from './eta/estimate-arrival.js';

export type { Clock } from './time/clock.js';
export type { IntentClassifier } from './nlu/classification.js';
export type { TravelTimeEstimator } from './eta/travel-time.js';
export type { MetricsRecorder } from './metrics.js';

/** Customers, their numbers, technicians and their routes. */
/**
 * What an inbound text reads first, each pair in one round trip across the two tables:
 * the number's thread with the customer the number is linked to; then the open
 * conversation with a customer's profile.
 */
export interface InboundReads {
  threadAndLink(address: Address): Promise<{ thread?: Thread; customerId?: string }>;
  conversationAndCustomer(conversationId: string, customerId: string | undefined): Promise<{ conversation?: Conversation; customer?: Customer }>;
}

export interface DirectoryRepository extends RouteLookup {
  findCustomerIdByPhone(phone: string): Promise<string | undefined>;
  getCustomer(id: string): Promise<Customer | undefined>;
  /** Several customers in one round trip (the agents' queue). */
  getCustomers(ids: string[]): Promise<Map<string, Customer>>;
  listCustomerAppointments(customerId: string): Promise<Appointment[]>;
  getAppointment(id: string): Promise<Appointment | undefined>;
  /**
   * Links a number to a customer. Resolves false, changing nothing, when the number
   * already belongs to another customer.
   */
  linkPhone(customerId: string, phone: string): Promise<boolean>;
  putCustomer(customer: Customer): Promise<void>;
  putTechnician(technician: Technician): Promise<void>;
  putAppointment(appointment: Appointment): Promise<void>;
  /**
   * Saves a changed appointment if its status is still one of `expected` (and its date,
   * window and technician are still the ones read); throws StaleWriteError otherwise.
   */
  saveAppointment(appointment: Appointment, expected: { status: AppointmentStatus[]; read: Appointment }): Promise<void>;
  /** Saves a technician's location unless a newer one is stored; resolves false when it was older. */
  saveLocation(technicianId: string, location: TechnicianLocation): Promise<boolean>;
  listTechniciansInArea(area: string): Promise<Technician[]>;
  /**
   * Takes one place in a technician's window on a date, if fewer than `capacity` are taken.
   * `booked` counts the places already taken when the slot is first used.
   */
  claimSlot(slot: { technicianId: string; date: string; window: string }, capacity: number, booked: () => Promise<number>): Promise<boolean>;
  releaseSlot(slot: { technicianId: string; date: string; window: string }): Promise<void>;
}

/** Per-number state that outlives conversations. */
export interface Thread {
  address: Address;
  optedOut: boolean;
  /** The conversation currently open on this number, if any. */
  conversationId?: string;
  /** A closed chat whose satisfaction question (1–5) awaits an answer, and when it was asked. */
  csatFor?: { conversationId: string; askedAt: string };
}

/** An inbound text's claim, answered: what a Twilio retry of the same MessageSid gets again. */
export interface AnsweredInbound {
  sid: string;
  reply: string | null;
  receivedAt: string;
  at: Date;
}

/** Result of claiming an inbound MessageSid before acting on it. */
export type InboundClaim =
  /** Yours to answer. `receivedAt` is the first claim's time, stable across retries. */
  | { kind: 'claimed'; receivedAt: string }
  /** Already answered: send the same reply again, do nothing else. */
  | { kind: 'answered'; reply: string | null }
  /** Another invocation holds it right now. */
  | { kind: 'in_progress' };

export interface ConversationRepository {
  /**
   * Claims a MessageSid for processing. A claim older than `leaseMs` that was never
   * answered (the invocation crashed) can be claimed again.
   */
  claimInbound(sid: string, now: Date, leaseMs: number): Promise<InboundClaim>;
  /** Gives a claim up after a failure, so Twilio's retry (or a waiting duplicate) processes the text at once. */
  releaseInbound(sid: string): Promise<void>;
  getThread(address: Address): Promise<Thread | undefined>;
  setOptOut(address: Address, optedOut: boolean, now: Date): Promise<void>;
  /** Marks (or clears, with null) the chat whose satisfaction answer the number owes. */
  setCsatRequest(address: Address, request: Thread['csatFor'] | null): Promise<void>;
  /**
   * Opens a conversation on a number whose thread points at no conversation, or at
   * `replacing` (a closed one). Resolves to the conversation open afterwards: the new
   * one, or the one a concurrent writer opened first. Only the thread is written: a new
   * conversation (version 0) is stored by its first save, which the caller makes before it
   * keeps any message in it; until then the thread may point at a conversation not stored yet.
   */
  openConversation(conversation: Conversation, replacing?: string): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /**
   * Saves if nobody saved since `conversation.version` was read (version 0: if nobody stored
   * it yet); throws StaleWriteError otherwise.
   */
  saveConversation(conversation: Conversation): Promise<Conversation>;
  /**
   * Adds messages to the transcript. A message is keyed by its time and sid, so writing
   * the same one again (a retry) stores it once. With `answered`, the inbound text's claim is
   * marked answered (with its reply, for Twilio's retries) in the same batch.
   */
  appendMessages(messages: TranscriptMessage[], answered?: AnsweredInbound): Promise<void>;
  listMessages(conversationId: string): Promise<TranscriptMessage[]>;
  getMessage(key: Pick<TranscriptMessage, 'conversationId' | 'at' | 'sid'>): Promise<TranscriptMessage | undefined>;
  /** Updates a REST-sent message's delivery fields (status only moves forward: the caller checks). */
  updateMessage(message: TranscriptMessage): Promise<void>;
  /** Finds a REST-sent message by Twilio's MessageSid (for status callbacks). */
  findMessageByTwilioSid(twilioSid: string): Promise<TranscriptMessage | undefined>;
  linkTwilioSid(message: TranscriptMessage, twilioSid: string): Promise<void>;
  /** The agents' queue: chats in a status, urgent first then oldest (waiting) or by agent (assigned). */
  listQueue(status: 'waiting' | 'assigned', agent?: string): Promise<Conversation[]>;
  /** How many chats wait, counted up to `cap` (enough for an expected-wait estimate). */
  countWaiting(cap: number): Promise<number>;
  /** When an agent last read a chat (for unread markers). */
  getReadMark(conversationId: string, agent: string): Promise<string | undefined>;
  setReadMark(conversationId: string, agent: string, at: string): Promise<void>;
  /** Agent presence, for the expected wait: an agent seen within the window is online. */
  touchAgent(agent: string, at: Date): Promise<void>;
  countAgentsSeenSince(since: Date): Promise<number>;
}

/** Where escalations are announced for any live-chat system (SNS on AWS, in-process locally). */
export interface EventPublisher {
  publish(event: EscalationEvent): Promise<void>;
}

/** A message to send through the provider's REST API, outside a webhook's reply. */
export interface OutboundJob {
  conversationId: string;
  /** The transcript entry's sid and time (its key). */
  sid: string;
  at: string;
  to: Address;
  body: string;
  attempt: number;
}

/** Outbound sending goes through a queue so a provider outage delays messages but loses none. */
export interface OutboundQueue {
  enqueue(job: OutboundJob, delaySeconds?: number): Promise<void>;
}

export interface SendResult {
  providerSid: string;
  status: DeliveryStatus;
}

/** The messaging provider's REST API (Twilio). Throws SendFailedError. */
export interface MessageSender {
  send(message: { to: Address; body: string }): Promise<SendResult>;
}

export interface IdGenerator {
  next(): string;
}
