import type { Address, Conversation } from '../domain/conversation.js';
import type { Customer } from '../domain/directory.js';
import type { ConversationRepository, IdGenerator } from '../ports.js';

/**
 * The conversation open on a number: the current one, or a new one with the bot when the
 * number has none (or only a closed one). Concurrent openers end up in the same one.
 */
export async function openConversationFor(
  deps: { conversations: ConversationRepository; ids: IdGenerator },
  address: Address,
  conversationId: string | undefined,
  /** Looked up only when a conversation has to be opened. */
  customerOf: () => Promise<Customer | undefined>,
  now: Date,
): Promise<Conversation> {
  const existing = conversationId ? await deps.conversations.getConversation(conversationId) : undefined;
  if (existing && existing.status !== 'closed') return existing;
  const customer = await customerOf();
  return deps.conversations.openConversation(
    {
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
    },
    conversationId,
  );
}
