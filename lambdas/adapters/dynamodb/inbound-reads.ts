import type { Address, Conversation } from '../../core/domain/conversation.js';
import type { Customer } from '../../core/domain/directory.js';
import type { InboundReads, Thread } from '../../core/ports.js';
import { conversationKey, threadKey, toConversation, toThread } from './conversation-repository.js';
import { customerKey, phoneKey, toCustomer } from './directory-repository.js';
import { batchGetAll, type DocumentClient } from './document-client.js';

type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

/**
 * The first reads of every text as BatchGetItem across both tables: one round trip where
 * there were two, on the path every text takes. The conversations table is read strongly
 * consistent (threads and conversation state decide what the bot does), the directory
 * eventually consistent (as its GetItems are).
 */
export class DynamoInboundReads implements InboundReads {
  constructor(
    private readonly client: DocumentClient,
    private readonly tables: { directory: string; conversations: string },
  ) {}

  async threadAndLink(address: Address): Promise<{ thread?: Thread; customerId?: string }> {
    const [thread, link] = await this.read(threadKey(address), phoneKey(address.phone));
    return { thread: toThread(address, thread), customerId: link?.customerId as string | undefined };
  }

  async conversationAndCustomer(
    conversationId: string,
    customerId: string | undefined,
  ): Promise<{ conversation?: Conversation; customer?: Customer }> {
    const [conversation, customer] = await this.read(conversationKey(conversationId), customerId ? customerKey(customerId) : undefined);
    return { conversation: toConversation(conversation), customer: toCustomer(customer) };
  }

  /** One item from each table, in one BatchGetItem. */
  private async read(conversationsKey: Key, directoryKey: Key | undefined): Promise<[Item | undefined, Item | undefined]> {
    const found = await batchGetAll(this.client, {
      [this.tables.conversations]: { Keys: [conversationsKey], ConsistentRead: true },
      ...(directoryKey ? { [this.tables.directory]: { Keys: [directoryKey] } } : {}),
    });
    return [found[this.tables.conversations]?.[0], directoryKey ? found[this.tables.directory]?.[0] : undefined];
  }
}
