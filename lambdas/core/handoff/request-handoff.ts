import type { Conversation, HandoffReason } from '../domain/conversation.js';

const URGENT: ReadonlySet<HandoffReason> = new Set(['emergency']);

/**
 * Puts a conversation in the queue for a person. The bot stops answering the number
 * until an agent closes the chat.
 */
export function requestHandoff(conversation: Conversation, reason: HandoffReason, now: Date): Conversation {
  if (conversation.status === 'waiting' || conversation.status === 'assigned') return conversation;
  return {
    ...conversation,
    status: 'waiting',
    dialogue: { kind: 'idle' },
    handoff: { reason, at: now.toISOString(), priority: URGENT.has(reason) ? 'urgent' : 'normal' },
  };
}
