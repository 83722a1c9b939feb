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
  'loop_guard',
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
    }
  /**
   * An intent asked a question (confirm a cancellation, pick a slot) and owns the answer.
   * `state` is the intent's own, validated by it when the answer comes.
   */
  | { kind: 'followup'; intent: string; askedAt: string; state: Record<string, unknown> };

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
  handoff?: {
    reason: HandoffReason;
    at: string;
    priority: 'normal' | 'urgent';
    /** The escalation event went out (published after the chat was saved in the queue). */
    announced?: boolean;
  };
  /** The agent holding the chat, and since when. */
  assignedTo?: string;
  assignedAt?: string;
  closedAt?: string;
  closedBy?: string;
  /** 1–5 answer to the satisfaction question sent when the chat closed. */
  csat?: number;
  /** When the customer last texted: WhatsApp allows free-form replies for 24 hours after it. */
  lastInboundAt?: string;
  /** When a person last answered the customer. */
  lastAgentReplyAt?: string;
  /** Inbound texts in the current one-minute window: the loop guard against auto-responders. */
  inboundBurst?: { since: string; count: number };
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
  /** Delivery status of a message sent through the REST API: queued → sent → delivered | failed. */
  status?: DeliveryStatus;
  /** Why delivery failed (Twilio error code and message). */
  error?: string;
  /** The agent who wrote it. */
  agent?: string;
  /** Twilio's MessageSid of a REST-sent message (its `sid` is Switchboard's own). */
  twilioSid?: string;
  /** Sends tried so far (a transient carrier failure is re-sent a bounded number of times). */
  attempts?: number;
}

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
