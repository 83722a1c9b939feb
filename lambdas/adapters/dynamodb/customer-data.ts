import { queryAll, scanAll, type DocumentClient } from './document-client.js';
import { CHANNELS, type Conversation, type TranscriptMessage } from '../../core/domain/conversation.js';
import type { Appointment, Customer } from '../../core/domain/directory.js';
import { isThrottling } from './throttle-retry.js';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

/** Everything stored about one customer, item by item, with the table each item is in. */
export interface CustomerItems {
  customer: Item;
  phoneLinks: Item[];
  appointments: Item[];
  threads: Item[];
  conversations: Array<{ meta: Item; transcript: Item[]; readMarks: Item[] }>;
  /** Twilio sid → transcript links of the messages sent to the customer. */
  outboundLinks: Item[];
  /** Idempotency records of the customer's texts (expire after 7 days anyway). */
  inboundClaims: Item[];
}

export interface CustomerExport {
  exportedAt: string;
  customer: Customer;
  phoneLinks: Array<{ phone: string }>;
  appointments: Appointment[];
  threads: Array<{ channel: string; phone: string; optedOut: boolean }>;
  conversations: Array<Conversation & { transcript: TranscriptMessage[] }>;
}

const INDEX_KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'queuePk', 'queueSk'];
const strip = <T>(item: Item): T => Object.fromEntries(Object.entries(item).filter(([key]) => !INDEX_KEYS.includes(key))) as T;
const keyOf = (item: Item): Key => ({ pk: item.pk as string, sk: item.sk as string });

/**
 * A customer's data for a data-subject request: found by key where the tables key it
 * (profile, phone links, appointments by the byCustomer index, threads by number,
 * transcripts by conversation, links by Twilio sid, idempotency records by MessageSid),
 * and by one filtered Scan for their conversations (no index maps a customer to them;
 * fine for an offline operation, see docs/operations.md).
 */
export class DynamoCustomerData {
  constructor(
    private readonly client: DocumentClient,
    private readonly tables: { directory: string; conversations: string },
  ) {}

  async find(customerId: string): Promise<CustomerItems | undefined> {
    const customer = await this.get(this.tables.directory, { pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' });
    if (!customer) return undefined;
    const phones = customer.phones as string[];
    const linked = await Promise.all(phones.map((phone) => this.get(this.tables.directory, { pk: `PHONE#${phone}`, sk: 'PHONE' })));
    const appointments = await this.query(this.tables.directory, { IndexName: 'byCustomer', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}` } });

    // Their conversations: by customer id, or from one of their numbers before it was verified.
    const fromTheirNumbers = phones.length > 0 ? ` OR #address.phone IN (${phones.map((_, i) => `:p${i}`).join(', ')})` : '';
    const metas = await scanAll(this.client, {
      TableName: this.tables.conversations,
      FilterExpression: `sk = :meta AND (customerId = :id${fromTheirNumbers})`,
      ...(fromTheirNumbers ? { ExpressionAttributeNames: { '#address': 'address' } } : {}),
      ExpressionAttributeValues: { ':meta': 'META', ':id': customerId, ...Object.fromEntries(phones.map((phone, i) => [`:p${i}`, phone])) },
    });
    const conversations = await Promise.all(
      metas.map(async (meta) => {
        const items = await this.query(this.tables.conversations, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': meta.pk } });
        return {
          meta,
          transcript: items.filter((item) => (item.sk as string).startsWith('MSG#')),
          readMarks: items.filter((item) => (item.sk as string).startsWith('READ#')),
        };
      }),
    );
    const numbers = new Set([...phones, ...metas.map((meta) => (meta.address as { phone: string }).phone)]);
    const threadKeys = [...numbers].flatMap((phone) => CHANNELS.map((channel) => ({ pk: `THREAD#${channel}:${phone}`, sk: 'THREAD' })));
    const messages = conversations.flatMap((conversation) => conversation.transcript);
    const [threads, outboundLinks, inboundClaims] = await Promise.all([
      this.getAll(this.tables.conversations, threadKeys),
      this.getAll(this.tables.conversations, messages.filter((m) => m.twilioSid).map((m) => ({ pk: `OUTBOUND#${m.twilioSid as string}`, sk: 'OUTBOUND' }))),
      this.getAll(this.tables.conversations, messages.filter((m) => m.direction === 'inbound').map((m) => ({ pk: `INBOUND#${m.sid as string}`, sk: 'INBOUND' }))),
    ]);
    return {
      customer,
      phoneLinks: linked.filter((item): item is Item => item?.customerId === customerId),
      appointments,
      threads,
      conversations,
      outboundLinks,
      inboundClaims,
    };
  }

  /** The customer's data as a person reads it: records and full transcripts, without storage keys. */
  static toExport(items: CustomerItems, now: Date): CustomerExport {
    return {
      exportedAt: now.toISOString(),
      customer: strip<Customer>(items.customer),
      phoneLinks: items.phoneLinks.map((item) => ({ phone: (item.pk as string).slice('PHONE#'.length) })),
      appointments: items.appointments.map((item) => strip<Appointment>(item)),
      threads: items.threads.map((item) => {
        const [channel, phone] = (item.pk as string).slice('THREAD#'.length).split(':') as [string, string];
        return { channel, phone, optedOut: item.optedOut === true };
      }),
      conversations: items.conversations.map(({ meta, transcript }) => ({
        ...strip<Conversation>(meta),
        transcript: transcript.map((item) => strip<TranscriptMessage>(item)),
      })),
    };
  }

  /**
   * Deletes every item found, the customer's profile last (so an interrupted erasure can be
   * run again and finds what is left). Returns how many items of each kind went.
   */
  async erase(items: CustomerItems): Promise<Record<string, number>> {
    const { directory, conversations } = this.tables;
    const removed: Record<string, number> = {};
    const remove = async (kind: string, table: string, found: Item[]) => {
      await this.deleteAll(table, found.map(keyOf));
      removed[kind] = found.length;
    };
    // First the phone links, so a text arriving meanwhile no longer finds the customer.
    await remove('phone links', directory, items.phoneLinks);
    await remove('appointments', directory, items.appointments);
    await remove('threads', conversations, items.threads);
    await remove('transcript messages', conversations, items.conversations.flatMap((c) => c.transcript));
    await remove('read marks', conversations, items.conversations.flatMap((c) => c.readMarks));
    await remove('outbound links', conversations, items.outboundLinks);
    await remove('inbound idempotency records', conversations, items.inboundClaims);
    await remove('conversations', conversations, items.conversations.map((c) => c.meta));
    await remove('customer', directory, [items.customer]);
    return removed;
  }

  private async get(table: string, key: Key): Promise<Item | undefined> {
    return this.client.get({ TableName: table, Key: key, ConsistentRead: true });
  }

  private async getAll(table: string, keys: Key[]): Promise<Item[]> {
    const items = await Promise.all(keys.map((key) => this.get(table, key)));
    return items.filter((item): item is Item => item !== undefined);
  }

  private async query(table: string, input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Item }): Promise<Item[]> {
    return queryAll(this.client, { TableName: table, ...input });
  }

  /** BatchWriteItem deletes, 25 at a time; unprocessed ones (throttling) are sent again with backoff. */
  private async deleteAll(table: string, keys: Key[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 25) {
      let pending: Item[] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5_000, 50 * 2 ** attempt)));
        try {
          const unprocessed = await this.client.batchWrite({ RequestItems: { [table]: pending } });
          pending = unprocessed[table] ?? [];
        } catch (error) {
          if (!isThrottling(error) || attempt >= 8) throw error;
        }
        if (attempt >= 8 && pending.length > 0) throw new Error(`DynamoDB kept throttling the deletes in ${table}`);
      }
    }
  }
}
