import type { Address, Conversation, TranscriptMessage } from '../../core/domain/conversation.js';
import { StaleWriteError } from '../../core/errors/stale-write.error.js';
import type { AnsweredInbound, ConversationRepository, InboundClaim, Thread } from '../../core/ports.js';
import { addressKey, maskPhone } from '../../core/phone/phone-number.js';
import { isConditionFailure, queryAll, type DocumentClient } from './document-client.js';

export const threadKey = (address: Address) => ({ pk: `THREAD#${addressKey(address)}`, sk: 'THREAD' });
export const conversationKey = (id: string) => ({ pk: `CONV#${id}`, sk: 'META' });
const inboundKey = (sid: string) => ({ pk: `INBOUND#${sid}`, sk: 'INBOUND' });

/** Idempotency records outlive any Twilio retry by far, then expire (DynamoDB TTL). */
const INBOUND_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Queue keys: waiting chats sort urgent first, then oldest first; assigned chats group by
 * agent. Other statuses leave the index.
 */
function queueKeys(conversation: Conversation): { queuePk?: string; queueSk?: string } {
  if (conversation.status === 'waiting') {
    const priority = conversation.handoff?.priority === 'urgent' ? '0' : '1';
    const since = conversation.handoff?.at ?? conversation.updatedAt;
    return { queuePk: 'QUEUE#waiting', queueSk: `${priority}#${since}#${conversation.id}` };
  }
  if (conversation.status === 'assigned') {
    return { queuePk: 'QUEUE#assigned', queueSk: `${conversation.assignedTo}#${conversation.assignedAt}#${conversation.id}` };
  }
  return {};
}

const messageKey = (message: Pick<TranscriptMessage, 'conversationId' | 'at' | 'sid'>) => ({
  pk: `CONV#${message.conversationId}`,
  sk: `MSG#${message.at}#${message.sid}`,
});
const stripKeys = <T>({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest as T;

export function toConversation(item: Record<string, unknown> | undefined): Conversation | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, queuePk: _qp, queueSk: _qs, ...conversation } = item;
  return conversation as unknown as Conversation;
}

export function toThread(address: Address, item: Record<string, unknown> | undefined): Thread | undefined {
  if (!item) return undefined;
  return {
    address,
    optedOut: item.optedOut === true,
    conversationId: item.conversationId as string | undefined,
    csatFor: item.csatFor as Thread['csatFor'],
  };
}

export class DynamoConversationRepository implements ConversationRepository {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async claimInbound(sid: string, now: Date, leaseMs: number): Promise<InboundClaim> {
    const receivedAt = now.toISOString();
    try {
      await this.client.put({
        TableName: this.tableName,
        Item: {
          ...inboundKey(sid),
          state: 'processing',
          receivedAt,
          claimedAt: now.getTime(),
          expiresAt: Math.floor(now.getTime() / 1000) + INBOUND_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      return { kind: 'claimed', receivedAt };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const item = await this.client.get({ TableName: this.tableName, Key: inboundKey(sid), ConsistentRead: true });
    if (!item) return this.claimInbound(sid, now, leaseMs);
    if (item.state === 'answered') return { kind: 'answered', reply: (item.reply as string | undefined) ?? null };
    if (now.getTime() - Number(item.claimedAt) < leaseMs) return { kind: 'in_progress' };
    // The invocation that claimed it died before answering: take the claim over.
    try {
      await this.client.update({
        TableName: this.tableName,
        Key: inboundKey(sid),
        UpdateExpression: 'SET claimedAt = :now',
        ConditionExpression: '#state = :processing AND claimedAt = :seen',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':now': now.getTime(), ':processing': 'processing', ':seen': item.claimedAt },
      });
      return { kind: 'claimed', receivedAt: item.receivedAt as string };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { kind: 'in_progress' };
    }
  }

  async releaseInbound(sid: string): Promise<void> {
    try {
      await this.client.update({
        TableName: this.tableName,
        Key: inboundKey(sid),
        UpdateExpression: 'SET claimedAt = :released',
        ConditionExpression: '#state = :processing',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':released': 0, ':processing': 'processing' },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async getThread(address: Address): Promise<Thread | undefined> {
    return toThread(address, await this.client.get({ TableName: this.tableName, Key: threadKey(address), ConsistentRead: true }));
  }

  async setCsatRequest(address: Address, request: Thread['csatFor'] | null): Promise<void> {
    await this.client.update({
      TableName: this.tableName,
      Key: threadKey(address),
      ...(request
        ? { UpdateExpression: 'SET csatFor = :request', ExpressionAttributeValues: { ':request': request } }
        : { UpdateExpression: 'REMOVE csatFor' }),
    });
  }

  async setOptOut(address: Address, optedOut: boolean, now: Date): Promise<void> {
    await this.client.update({
      TableName: this.tableName,
      Key: threadKey(address),
      UpdateExpression: 'SET optedOut = :optedOut, optedOutChangedAt = :at',
      ExpressionAttributeValues: { ':optedOut': optedOut, ':at': now.toISOString() },
    });
  }

  async openConversation(conversation: Conversation, replacing?: string): Promise<Conversation> {
    try {
      await this.client.update({
        TableName: this.tableName,
        Key: threadKey(conversation.address),
        UpdateExpression: 'SET conversationId = :id',
        ConditionExpression: replacing ? 'conversationId = :replacing' : 'attribute_not_exists(conversationId)',
        ExpressionAttributeValues: { ':id': conversation.id, ...(replacing ? { ':replacing': replacing } : {}) },
      });
      return conversation;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Another text from the same number opened one first: carry on in theirs.
    const thread = await this.getThread(conversation.address);
    if (!thread?.conversationId) throw new StaleWriteError(`thread ${conversation.address.channel}:${maskPhone(conversation.address.phone)}`);
    const current = await this.getConversation(thread.conversationId);
    // Theirs is not stored yet: whichever text saves first stores it, the other reads it again.
    if (!current) return { ...conversation, id: thread.conversationId };
    if (current.status === 'closed') return this.openConversation({ ...conversation, id: `${conversation.id}-r` }, current.id);
    return current;
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    const item = await this.client.get({ TableName: this.tableName, Key: conversationKey(id), ConsistentRead: true });
    return toConversation(item);
  }

  async saveConversation(conversation: Conversation): Promise<Conversation> {
    const saved = { ...conversation, version: conversation.version + 1 };
    try {
      await this.client.put({
        TableName: this.tableName,
        Item: { ...conversationKey(conversation.id), ...saved, ...queueKeys(saved) },
        // Version 0 is a new conversation: stored by this save unless another one stored it.
        ConditionExpression: conversation.version === 0 ? 'attribute_not_exists(pk) OR version = :read' : 'version = :read',
        ExpressionAttributeValues: { ':read': conversation.version },
      });
      return saved;
    } catch (error) {
      if (isConditionFailure(error)) throw new StaleWriteError(`conversation ${conversation.id}`);
      throw error;
    }
  }

  async appendMessages(messages: TranscriptMessage[], answered?: AnsweredInbound): Promise<void> {
    const puts: Record<string, unknown>[] = messages.map((message) => ({ ...messageKey(message), ...message }));
    if (answered) {
      // The claim is this invocation's: overwriting it unconditionally is safe and saves a call.
      puts.push({
        ...inboundKey(answered.sid),
        state: 'answered',
        reply: answered.reply,
        receivedAt: answered.receivedAt,
        claimedAt: answered.at.getTime(),
        answeredAt: answered.at.toISOString(),
        expiresAt: Math.floor(answered.at.getTime() / 1000) + INBOUND_TTL_SECONDS,
      });
    }
    for (let i = 0; i < puts.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = puts.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept throttling the transcript write');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
        const unprocessed = await this.client.batchWrite({ RequestItems: { [this.tableName]: pending } });
        pending = unprocessed[this.tableName];
      }
    }
  }

  async listMessages(conversationId: string): Promise<TranscriptMessage[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      ExpressionAttributeValues: { ':pk': `CONV#${conversationId}`, ':msg': 'MSG#' },
      ConsistentRead: true,
    });
    return items.map((item) => stripKeys<TranscriptMessage>(item));
  }

  async getMessage(key: Pick<TranscriptMessage, 'conversationId' | 'at' | 'sid'>): Promise<TranscriptMessage | undefined> {
    const item = await this.client.get({ TableName: this.tableName, Key: messageKey(key), ConsistentRead: true });
    return item ? stripKeys<TranscriptMessage>(item) : undefined;
  }

  async updateMessage(message: TranscriptMessage): Promise<void> {
    await this.client.put({ TableName: this.tableName, Item: { ...messageKey(message), ...message } });
  }

  async linkTwilioSid(message: TranscriptMessage, twilioSid: string): Promise<void> {
    await this.client.put({
      TableName: this.tableName,
      Item: { pk: `OUTBOUND#${twilioSid}`, sk: 'OUTBOUND', conversationId: message.conversationId, at: message.at, sid: message.sid },
    });
  }

  async findMessageByTwilioSid(twilioSid: string): Promise<TranscriptMessage | undefined> {
    const link = await this.client.get({ TableName: this.tableName, Key: { pk: `OUTBOUND#${twilioSid}`, sk: 'OUTBOUND' }, ConsistentRead: true });
    return link ? this.getMessage(link as Pick<TranscriptMessage, 'conversationId' | 'at' | 'sid'>) : undefined;
  }

  async listQueue(status: 'waiting' | 'assigned', agent?: string): Promise<Conversation[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'byQueue',
      KeyConditionExpression: agent ? 'queuePk = :pk AND begins_with(queueSk, :agent)' : 'queuePk = :pk',
      ExpressionAttributeValues: { ':pk': `QUEUE#${status}`, ...(agent ? { ':agent': `${agent}#` } : {}) },
    });
    return items.map((item) => toConversation(item)!);
  }

  async countWaiting(cap: number): Promise<number> {
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.query({
        TableName: this.tableName,
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :pk',
        ExpressionAttributeValues: { ':pk': 'QUEUE#waiting' },
        Select: 'COUNT',
        Limit: cap - count,
        ExclusiveStartKey,
      });
      count += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && count < cap);
    return count;
  }

  async getReadMark(conversationId: string, agent: string): Promise<string | undefined> {
    const item = await this.client.get({ TableName: this.tableName, Key: { pk: `CONV#${conversationId}`, sk: `READ#${agent}` } });
    return item?.at as string | undefined;
  }

  async setReadMark(conversationId: string, agent: string, at: string): Promise<void> {
    await this.client.put({ TableName: this.tableName, Item: { pk: `CONV#${conversationId}`, sk: `READ#${agent}`, at } });
  }

  async touchAgent(agent: string, at: Date): Promise<void> {
    await this.client.put({ TableName: this.tableName, Item: { pk: 'AGENTS', sk: agent, lastSeenAt: at.toISOString() } });
  }

  async countAgentsSeenSince(since: Date): Promise<number> {
    const { Items = [] } = await this.client.query({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'lastSeenAt >= :since',
      ExpressionAttributeValues: { ':pk': 'AGENTS', ':since': since.toISOString() },
    });
    return Items.length;
  }
}
