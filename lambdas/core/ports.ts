import type { Address, Conversation, TranscriptMessage } from './domain/conversation.js';
import type { Appointment, Customer, Technician } from './domain/directory.js';
import type { RouteLookup } from './eta/estimate-arrival.js';

export type { Clock } from './time/clock.js';
export type { IntentClassifier } from './nlu/classification.js';
export type { TravelTimeEstimator } from './eta/travel-time.js';

/** Customers, their numbers, technicians and their routes. */
export interface DirectoryRepository extends RouteLookup {
  findCustomerIdByPhone(phone: string): Promise<string | undefined>;
  getCustomer(id: string): Promise<Customer | undefined>;
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
}

/** Per-number state that outlives conversations. */
export interface Thread {
  address: Address;
  optedOut: boolean;
  /** The conversation currently open on this number, if any. */
  conversationId?: string;
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
  recordAnswer(sid: string, reply: string | null, now: Date): Promise<void>;
  getThread(address: Address): Promise<Thread | undefined>;
  setOptOut(address: Address, optedOut: boolean, now: Date): Promise<void>;
  /**
   * Opens a conversation on a number whose thread points at no conversation, or at
   * `replacing` (a closed one). Resolves to the conversation open afterwards: the new
   * one, or the one a concurrent writer opened first.
   */
  openConversation(conversation: Conversation, replacing?: string): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /** Saves if nobody saved since `conversation.version` was read; throws StaleWriteError otherwise. */
  saveConversation(conversation: Conversation): Promise<Conversation>;
  /**
   * Adds messages to the transcript. A message is keyed by its time and sid, so writing
   * the same one again (a retry) stores it once.
   */
  appendMessages(messages: TranscriptMessage[]): Promise<void>;
  listMessages(conversationId: string): Promise<TranscriptMessage[]>;
}

export interface IdGenerator {
  next(): string;
}
