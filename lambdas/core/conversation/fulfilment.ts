import type { Conversation, HandoffReason } from '../domain/conversation.js';
import type { Customer } from '../domain/directory.js';
import type { Language } from '../domain/language.js';
import type { DirectoryRepository, TravelTimeEstimator } from '../ports.js';

/** What an intent's fulfilment may read: the resolved customer and the world through ports. */
export interface FulfilmentContext {
  customer: Customer;
  conversation: Conversation;
  language: Language;
  now: Date;
  directory: DirectoryRepository;
  travel: TravelTimeEstimator;
  settings: { timeZone: string; locationMaxAgeMinutes: number };
}

export type FulfilmentResult =
  | { kind: 'reply'; text: string }
  | { kind: 'handoff'; reason: HandoffReason; text?: string };
