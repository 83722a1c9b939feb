import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { batchGetAll, isConditionFailure, queryAll, scanAll, type DocumentClient } from '../../lambdas/adapters/dynamodb/document-client.js';
import { startLocalStore, type LocalStore } from '../../local/dynalite-store.js';

/**
 * The repositories' one door to DynamoDB, against the embedded store: plain items in and out,
 * the same as lib-dynamodb gave them (what the repositories were written against).
 */
const TABLE = 'documents-directory';
let store: LocalStore;

beforeAll(async () => {
  store = await startLocalStore({ tables: { directory: TABLE, conversations: 'documents-conversations' } });
});
afterAll(() => store.close());

const item = (pk: string, sk: string, rest: Record<string, unknown> = {}): Record<string, unknown> => ({ pk, sk, ...rest });

describe('the document client', () => {
  test('an item comes back as it was written: nesting, numbers, booleans, null, empty strings, unicode; undefined is dropped', async () => {
    const written = item('DOC#1', 'A', {
      name: 'Zoë 🚐',
      count: 3,
      ratio: 0.25,
      optedOut: false,
      none: null,
      blank: '',
      phones: ['+15125550100', '+15125550101'],
      dialogue: { kind: 'followup', state: { offers: [{ start: '2026-11-23T14:00:00Z' }] } },
      gone: undefined,
    });
    await store.client.put({ TableName: TABLE, Item: written });
    const { gone: _gone, ...expected } = written;
    expect(await store.client.get({ TableName: TABLE, Key: { pk: 'DOC#1', sk: 'A' }, ConsistentRead: true })).toEqual(expected);
    expect(await store.client.get({ TableName: TABLE, Key: { pk: 'DOC#1', sk: 'missing' } })).toBeUndefined();
  });

  test('a refused condition is recognisable, and the item is left as it was', async () => {
    await store.client.put({ TableName: TABLE, Item: item('DOC#2', 'A', { version: 1 }) });
    const stale = store.client.put({
      TableName: TABLE,
      Item: item('DOC#2', 'A', { version: 5 }),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': 0 },
    });
    const error = await stale.then(() => undefined, (e: unknown) => e);
    expect(isConditionFailure(error)).toBe(true);
    expect((await store.client.get({ TableName: TABLE, Key: { pk: 'DOC#2', sk: 'A' } }))?.version).toBe(1);
  });

  test('an update returns the attributes asked for', async () => {
    await store.client.put({ TableName: TABLE, Item: item('DOC#3', 'A', { phones: ['+15125550100'] }) });
    const after = await store.client.update({
      TableName: TABLE,
      Key: { pk: 'DOC#3', sk: 'A' },
      UpdateExpression: 'SET phones = list_append(phones, :phone)',
      ExpressionAttributeValues: { ':phone': ['+15125550102'] },
      ReturnValues: 'ALL_NEW',
    });
    expect(after?.phones).toEqual(['+15125550100', '+15125550102']);
  });

  test('queryAll and scanAll follow every page; a count query counts', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `S${i}`);
    const unprocessed = await store.client.batchWrite({
      RequestItems: { [TABLE]: keys.map((sk) => ({ PutRequest: { Item: item('DOC#4', sk, { n: Number(sk.slice(1)) }) } })) },
    });
    expect(unprocessed).toEqual({});
    const paged = await queryAll(store.client, {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DOC#4' },
      Limit: 2,
    });
    expect(paged.map((found) => found.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const counted = await store.client.query({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': 'DOC#4', ':from': 'S4' },
      Select: 'COUNT',
    });
    expect(counted.Count).toBe(3);
    const scanned = await scanAll(store.client, {
      TableName: TABLE,
      FilterExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DOC#4' },
      Limit: 3,
    });
    expect(scanned).toHaveLength(7);
  });

  test('batchGet finds what exists; batchWrite deletes; delete removes', async () => {
    await store.client.put({ TableName: TABLE, Item: item('DOC#5', 'A', { v: 'a' }) });
    await store.client.put({ TableName: TABLE, Item: item('DOC#5', 'B', { v: 'b' }) });
    const found = await store.client.batchGet({
      RequestItems: { [TABLE]: { Keys: [{ pk: 'DOC#5', sk: 'A' }, { pk: 'DOC#5', sk: 'B' }, { pk: 'DOC#5', sk: 'C' }] } },
    });
    expect(found.Responses[TABLE]?.map((got) => got.v).sort()).toEqual(['a', 'b']);
    expect(found.UnprocessedKeys).toEqual({});
    await store.client.batchWrite({ RequestItems: { [TABLE]: [{ DeleteRequest: { Key: { pk: 'DOC#5', sk: 'A' } } }] } });
    await store.client.delete({ TableName: TABLE, Key: { pk: 'DOC#5', sk: 'B' } });
    const left = await store.client.query({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DOC#5' } });
    expect(left.Items).toEqual([]);
  });

  test('legacy parameters are refused with a clear error, not silently ignored', async () => {
    await expect(
      store.client.query({ TableName: TABLE, KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: ['DOC#4'] } } }),
    ).rejects.toThrow(/legacy query parameters/);
  });
});

describe('batchGetAll', () => {
  test('keys DynamoDB left unprocessed (throttling) are asked for again, with their read options', async () => {
    const asked: unknown[] = [];
    // DynamoDB under throttling: the first answer returns one item and leaves the other key unprocessed.
    const throttled = {
      async batchGet({ RequestItems }: { RequestItems: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> }) {
        asked.push(RequestItems);
        const [first, ...rest] = RequestItems.t!.Keys;
        return { Responses: { t: [{ ...first, found: true }] }, UnprocessedKeys: rest.length > 0 ? { t: rest } : {} };
      },
    } as unknown as DocumentClient;
    const found = await batchGetAll(throttled, { t: { Keys: [{ pk: 'A' }, { pk: 'B' }], ConsistentRead: true } });
    expect(found.t).toEqual([{ pk: 'A', found: true }, { pk: 'B', found: true }]);
    expect(asked).toEqual([{ t: { Keys: [{ pk: 'A' }, { pk: 'B' }], ConsistentRead: true } }, { t: { Keys: [{ pk: 'B' }], ConsistentRead: true } }]);
  });
});
