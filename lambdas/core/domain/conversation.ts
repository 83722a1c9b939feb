import type { Language } from './language.js';

export const CHANNELS = ['sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Where a customer texts from: the channel and the E.164 number.
 * Twilio spells it `+15125550101` for SMS and `whatsapp:+15125550101` for WhatsApp.
 */
export interface Address {
  channel: Channel;
  phone: string;
}

/** bot: the bot answers; waiting: queued for a person; assigned: a person has it; closed: ended. */
export const CONVERSATION_STATUSES = ['bot', 'waiting', 'assigned', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const HANDOFF_REASONS = [
  'low_confidence',
  'talk_to_agent',
  'unverified_number',
  'appointment_change',
  'automation_unavailable',
  'emergency',
  'repeated',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** What the bot asked and is waiting an answer for (multi-turn state). */
export type Dialogue =
  | { kind: 'idle' }
  | { kind: 'awaiting_account_phone'; askedAt: string; pendingText: string; attempts: number }
  | {
      kind: 'awaiting_identity_proof';
      askedAt: string;
      pendingText: string;
      /** The customer the given phone number matched, if any: never revealed to the texter. */
      candidateCustomerId?: string;
      attempts: number;
    };

export interface IntentGuess {
  intent: string | null;
  confidence: number;
  at: string;
}

export interface Conversation {
  id: string;
  address: Address;
  customerId?: string;
  language: Language;
  status: ConversationStatus;
  dialogue: Dialogue;
  handoff?: { reason: HandoffReason; at: string; priority: 'normal' | 'urgent' };
  /** The bot's last intent guesses, newest last (kept short). */
  lastIntents: IntentGuess[];
  createdAt: string;
  updatedAt: string;
  /** Optimistic-locking counter: every save must name the version it read. */
  version: number;
}

export type MessageAuthor = 'customer' | 'bot' | 'agent';

export interface TranscriptMessage {
  conversationId: string;
  /** Twilio MessageSid for inbound and REST-sent messages; a derived id for TwiML replies. */
  sid: string;
  direction: 'inbound' | 'outbound';
  author: MessageAuthor;
  body: string;
  at: string;
  intent?: string | null;
  confidence?: number;
  status?: string;
}
