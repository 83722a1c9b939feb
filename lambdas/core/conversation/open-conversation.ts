import type { Address, Conversation } from '../domain/conversation.js';
import type { Customer } from '../domain/directory.js';
import { StaleWriteError } from '../errors/stale-write.error.js';
import type { ConversationRepository, IdGenerator } from '../ports.js';

/**
 * The conversation open on a number: the current one, or a new one with the bot when the
 * number has none (or only a closed one). Concurrent openers end up in the same one.
 */
export async function openConversationFor(
  deps: { conversations: ConversationRepository; ids: IdGenerator },
  address: Address,
  /** The conversation the number's thread points at, and that conversation as read (if stored). */
  current: { id?: string; conversation?: Conversation },
  /** Looked up only when a conversation has to be opened. */
  customerOf: () => Promise<Customer | undefined>,
  now: Date,
): Promise<Conversation> {
  const { id: conversationId, conversation: existing } = current;
  if (existing && existing.status !== 'closed') return existing;
  const customer = await customerOf();
  const opened: Conversation = {
    id: deps.ids.next(),
    address,
    customerId: customer?.id,
    language: customer?.language ?? 'en',
    status: 'bot',
    dialogue: { kind: 'idle' },
    lastIntents: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 0,
  };
  // The thread points at a conversation another text opened and has not stored yet: that one
  // (whichever of the two saves first stores it).
  if (conversationId && !existing) return { ...opened, id: conversationId };
  return deps.conversations.openConversation(opened, conversationId);
}

/**
 * The conversation as stored: a new one (version 0) is saved first. When a concurrent text
 * stored it meanwhile, that stored one.
 */
export async function storedConversation(deps: { conversations: ConversationRepository }, conversation: Conversation): Promise<Conversation> {
  if (conversation.version > 0) return conversation;
  try {
    return await deps.conversations.saveConversation(conversation);
  } catch (error) {
    const stored = error instanceof StaleWriteError ? await deps.conversations.getConversation(conversation.id) : undefined;
    if (!stored) throw error;
    return stored;
  }
}
