import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
  type KeysAndAttributes,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type {
  BatchGetCommandInput,
  BatchWriteCommandInput,
  DeleteCommandInput,
  GetCommandInput,
  PutCommandInput,
  QueryCommandInput,
  ScanCommandInput,
  UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';

type Item = Record<string, unknown>;
type Marshalled = Record<string, AttributeValue>;

const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
const toItem = (value: Item): Marshalled => marshall(value as Record<string, NativeAttributeValue>, MARSHALL);
const fromItem = (value: Marshalled): Item => unmarshall(value);
const toItemOrUndefined = (value: Item | undefined) => (value ? toItem(value) : undefined);
const fromItemOrUndefined = (value: Marshalled | undefined) => (value ? fromItem(value) : undefined);

export interface Page {
  Items: Item[];
  LastEvaluatedKey?: Item;
}

/**
 * DynamoDB with plain JavaScript items, the calls the repositories make and nothing else.
 *
 * Why not `@aws-sdk/lib-dynamodb`: its commands rebuild the client's middleware stack on every
 * call (it refuses `cacheMiddleware`), and the SDK's logger middleware filters every input and
 * output for a log line even when nothing logs. Here the low-level client caches its handlers
 * and has no logger middleware; items are (un)marshalled with `@aws-sdk/util-dynamodb`, the
 * same code lib-dynamodb uses. Each call costs about a quarter less CPU (`npm run bench -- load`
 * measures what that buys), which on Lambda is latency and billed time on every text.
 */
export class DocumentClient {
  constructor(private readonly client: DynamoDBClient) {}

  async get(input: GetCommandInput): Promise<Item | undefined> {
    const { Key, ...rest } = input;
    const { Item } = await this.client.send(new GetItemCommand({ ...rest, Key: toItem(Key ?? {}) }));
    return fromItemOrUndefined(Item);
  }

  async put(input: PutCommandInput): Promise<void> {
    const { Item, ExpressionAttributeValues, ...rest } = input;
    await this.client.send(
      new PutItemCommand({ ...rest, Item: toItem(Item ?? {}), ExpressionAttributeValues: toItemOrUndefined(ExpressionAttributeValues) }),
    );
  }

  /** Returns the attributes `ReturnValues` asked for, if any. */
  async update(input: UpdateCommandInput): Promise<Item | undefined> {
    const { Key, ExpressionAttributeValues, AttributeUpdates, Expected, ...rest } = input;
    if (AttributeUpdates || Expected) throw new Error('legacy update parameters are not supported: use expressions');
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({ ...rest, Key: toItem(Key ?? {}), ExpressionAttributeValues: toItemOrUndefined(ExpressionAttributeValues) }),
    );
    return fromItemOrUndefined(Attributes);
  }

  async delete(input: DeleteCommandInput): Promise<void> {
    const { Key, ExpressionAttributeValues, Expected, ...rest } = input;
    if (Expected) throw new Error('legacy delete parameters are not supported: use expressions');
    await this.client.send(
      new DeleteItemCommand({ ...rest, Key: toItem(Key ?? {}), ExpressionAttributeValues: toItemOrUndefined(ExpressionAttributeValues) }),
    );
  }

  /** One page of a Query (`Count` alone when `Select: 'COUNT'`). */
  async query(input: QueryCommandInput): Promise<Page & { Count: number }> {
    const { ExpressionAttributeValues, ExclusiveStartKey, KeyConditions, QueryFilter, ...rest } = input;
    if (KeyConditions || QueryFilter) throw new Error('legacy query parameters are not supported: use expressions');
    const page = await this.client.send(
      new QueryCommand({
        ...rest,
        ExpressionAttributeValues: toItemOrUndefined(ExpressionAttributeValues),
        ExclusiveStartKey: toItemOrUndefined(ExclusiveStartKey),
      }),
    );
    return { Items: (page.Items ?? []).map(fromItem), LastEvaluatedKey: fromItemOrUndefined(page.LastEvaluatedKey), Count: page.Count ?? 0 };
  }

  /** One page of a Scan. */
  async scan(input: ScanCommandInput): Promise<Page> {
    const { ExpressionAttributeValues, ExclusiveStartKey, ScanFilter, ...rest } = input;
    if (ScanFilter) throw new Error('legacy scan parameters are not supported: use expressions');
    const page = await this.client.send(
      new ScanCommand({
        ...rest,
        ExpressionAttributeValues: toItemOrUndefined(ExpressionAttributeValues),
        ExclusiveStartKey: toItemOrUndefined(ExclusiveStartKey),
      }),
    );
    return { Items: (page.Items ?? []).map(fromItem), LastEvaluatedKey: fromItemOrUndefined(page.LastEvaluatedKey) };
  }

  /** The items found per table, and the keys DynamoDB left unprocessed (to ask again). */
  async batchGet(input: BatchGetCommandInput): Promise<{ Responses: Record<string, Item[]>; UnprocessedKeys: Record<string, Item[]> }> {
    const RequestItems: Record<string, KeysAndAttributes> = {};
    for (const [table, { Keys = [], ...rest }] of Object.entries(input.RequestItems ?? {})) {
      RequestItems[table] = { ...rest, Keys: Keys.map(toItem) };
    }
    const result = await this.client.send(new BatchGetItemCommand({ ...input, RequestItems }));
    const Responses: Record<string, Item[]> = {};
    for (const [table, items] of Object.entries(result.Responses ?? {})) Responses[table] = items.map(fromItem);
    const UnprocessedKeys: Record<string, Item[]> = {};
    for (const [table, { Keys = [] }] of Object.entries(result.UnprocessedKeys ?? {})) UnprocessedKeys[table] = Keys.map(fromItem);
    return { Responses, UnprocessedKeys };
  }

  /** Puts and deletes in one call; returns the requests DynamoDB left unprocessed (to send again), per table. */
  async batchWrite(input: BatchWriteCommandInput): Promise<Record<string, NonNullable<BatchWriteCommandInput['RequestItems']>[string]>> {
    const RequestItems: Record<string, WriteRequest[]> = {};
    for (const [table, requests] of Object.entries(input.RequestItems ?? {})) {
      RequestItems[table] = requests.map(({ PutRequest, DeleteRequest }) => ({
        PutRequest: PutRequest?.Item ? { Item: toItem(PutRequest.Item) } : undefined,
        DeleteRequest: DeleteRequest?.Key ? { Key: toItem(DeleteRequest.Key) } : undefined,
      }));
    }
    const result = await this.client.send(new BatchWriteItemCommand({ ...input, RequestItems }));
    const unprocessed: Record<string, NonNullable<BatchWriteCommandInput['RequestItems']>[string]> = {};
    for (const [table, requests] of Object.entries(result.UnprocessedItems ?? {})) {
      unprocessed[table] = requests.map(({ PutRequest, DeleteRequest }) => ({
        PutRequest: PutRequest?.Item ? { Item: fromItem(PutRequest.Item) } : undefined,
        DeleteRequest: DeleteRequest?.Key ? { Key: fromItem(DeleteRequest.Key) } : undefined,
      }));
    }
    return unprocessed;
  }

  destroy(): void {
    this.client.destroy();
  }
}

export function createDocumentClient(config: DynamoDBClientConfig = {}): DocumentClient {
  const client = new DynamoDBClient({ ...config, cacheMiddleware: true });
  // Nothing reads the SDK's own log; without a logger it still filtered every call for one.
  client.middlewareStack.remove('loggerMiddleware');
  return new DocumentClient(client);
}

/** True when DynamoDB refused a write because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
}

/** Every item of a paged read, following LastEvaluatedKey to the end. */
async function allPages(read: (start: Item | undefined) => Promise<Page>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await read(start);
    items.push(...page.Items);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const BATCH_GET_ATTEMPTS = 8;

/**
 * Every item a BatchGetItem finds (at most 100 keys), per table. Keys DynamoDB leaves
 * unprocessed (throttling) are asked for again with backoff.
 */
export async function batchGetAll(
  client: DocumentClient,
  tables: Record<string, { Keys: Item[]; ConsistentRead?: boolean }>,
): Promise<Record<string, Item[]>> {
  const found: Record<string, Item[]> = {};
  let pending = tables;
  for (let attempt = 0; Object.keys(pending).length > 0; attempt++) {
    if (attempt >= BATCH_GET_ATTEMPTS) throw new Error('DynamoDB kept throttling a batch read');
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
    const { Responses, UnprocessedKeys } = await client.batchGet({ RequestItems: pending });
    for (const [table, items] of Object.entries(Responses)) (found[table] ??= []).push(...items);
    pending = Object.fromEntries(
      Object.entries(UnprocessedKeys)
        .filter(([, keys]) => keys.length > 0)
        .map(([table, Keys]) => [table, { ...tables[table], Keys }]),
    );
  }
  return found;
}

/** Every item a Query matches. */
export function queryAll(client: DocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  return allPages((ExclusiveStartKey) => client.query({ ...input, ExclusiveStartKey }));
}

/**
 * Every item a Scan returns. For offline operations only (the report, a customer's export
 * or erasure): a Scan reads the whole table.
 */
export function scanAll(client: DocumentClient, input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  return allPages((ExclusiveStartKey) => client.scan({ ...input, ExclusiveStartKey }));
}
