import type { Address, Conversation } from '../../core/domain/conversation.js';
import type { Customer } from '../../core/domain/directory.js';
import type { InboundReads, Thread } from '../../core/ports.js';
import { conversationKey, threadKey, toConversation, toThread } from './conversation-repository.js';
import { customerKey, phoneKey, toCustomer } from './directory-repository.js';
import type { DocumentClient } from './document-client.js';

type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

const MAX_ATTEMPTS = 8;

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

  /** One item from each table; unprocessed keys (throttling) are asked for again with backoff. */
  private async read(conversationsKey: Key, directoryKey: Key | undefined): Promise<[Item | undefined, Item | undefined]> {
    const found = new Map<string, Item>();
    const id = (key: Item) => `${String(key.pk)}|${String(key.sk)}`;
    let pending: Record<string, Item[]> = {
      [this.tables.conversations]: [conversationsKey],
      ...(directoryKey ? { [this.tables.directory]: [directoryKey] } : {}),
    };
    for (let attempt = 0; Object.keys(pending).length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error('DynamoDB kept throttling the first reads of a text');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
      const { Responses, UnprocessedKeys } = await this.client.batchGet({
        RequestItems: Object.fromEntries(
          Object.entries(pending).map(([table, Keys]) => [table, { Keys, ConsistentRead: table === this.tables.conversations }]),
        ),
      });
      for (const items of Object.values(Responses)) for (const item of items) found.set(id(item), item);
      pending = Object.fromEntries(Object.entries(UnprocessedKeys).filter(([, keys]) => keys.length > 0));
    }
    return [found.get(id(conversationsKey)), directoryKey ? found.get(id(directoryKey)) : undefined];
  }
}
