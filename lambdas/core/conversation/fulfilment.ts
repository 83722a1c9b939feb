import type { Conversation, HandoffReason } from '../domain/conversation.js';
import type { Customer } from '../domain/directory.js';
import type { Language } from '../domain/language.js';
import type { DirectoryRepository, TravelTimeEstimator } from '../ports.js';
import type { ScheduleService } from '../schedule/schedule-service.js';

/** What an intent's fulfilment may read: the resolved customer and the world through ports. */
export interface FulfilmentContext {
  customer: Customer;
  conversation: Conversation;
  language: Language;
  now: Date;
  directory: DirectoryRepository;
  travel: TravelTimeEstimator;
  settings: { timeZone: string; locationMaxAgeMinutes: number };
  /** Visits that can be changed by text, and the open slots to move them to. */
  schedule: ScheduleService;
}

export type FulfilmentResult =
  /** `followup` asks a question whose answer comes back to this intent's `resume`. */
  | { kind: 'reply'; text: string; followup?: Record<string, unknown> }
  | { kind: 'handoff'; reason: HandoffReason; text?: string };

/** The answer the customer gave to an intent's question. */
export interface FollowupAnswer {
  text: string;
  state: Record<string, unknown>;
  /** The question is older than the dialogue expiry: never act on it, ask afresh. */
  expired: boolean;
  /** What the engine reads in the text on its own (a confident other intent = a new topic). */
  intent: string | null;
}
