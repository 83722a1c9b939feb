import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANA, NOW, fixture } from '../support/fixture.js';
import { sendText, startTestStack, WEBHOOK_PATH, type TestStack } from '../support/stack.js';
import { messageSid } from '../../local/twilio-stand-in.js';
import { scanAll } from '../../lambdas/adapters/dynamodb/document-client.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
});
afterAll(async () => stack?.close());

async function threadOf(phone: string) {
  return stack.conversations.getThread({ channel: 'sms', phone });
}

describe('requests that are not Twilio messages', () => {
  test.each([
    ['a forged signature', { signature: 'bm90IGEgc2lnbmF0dXJl' }, 403, /Invalid Twilio signature/],
    ['a signature for another account', { signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' }, 403, /Invalid Twilio signature/],
    ['no signature header', { signature: null }, 400, /Missing X-Twilio-Signature/],
    ['no From', { omit: ['From'] }, 400, /From is required/],
    ['no MessageSid', { omit: ['MessageSid'] }, 400, /MessageSid is required/],
    ['a From that is not a phone number', { extra: { From: 'not-a-number' } }, 400, /From is not a phone number/],
    ['a JSON body', { contentType: 'application/json' }, 400, /Content-Type must be application\/x-www-form-urlencoded/],
    ['a body over 1,600 characters', { extra: { Body: 'x'.repeat(1601) } }, 400, /Body longer than 1600/],
  ])('%s → %s with the reason, and nothing written', async (_label, options, status, reason) => {
    const phone = '+15125550160';
    const result = await sendText(stack, phone, 'where is my technician', options);
    expect(result.status).toBe(status);
    expect(result.twiml).toMatch(reason);
    expect(await threadOf(phone)).toBeUndefined();
    expect(await stack.conversations.claimInbound(result.sid, NOW, 1)).toMatchObject({ kind: 'claimed' });
  });

  test('an oversize request is refused before it is parsed', async () => {
    const response = await fetch(`${stack.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' },
      body: `Body=${'x'.repeat(70_000)}`,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/larger than/);
  });
});

describe('Twilio retries', () => {
  test('the same MessageSid delivered five times in a row: the same TwiML, one transcript entry', async () => {
    const sid = messageSid();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await sendText(stack, ANA, 'where is my technician', { sid }));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(results.map((r) => r.twiml)).size).toBe(1);
    const thread = await threadOf(ANA);
    const transcript = await stack.conversations.listMessages(thread!.conversationId!);
    expect(transcript.filter((m) => m.sid === sid)).toHaveLength(1);
    expect(transcript.filter((m) => m.sid === `${sid}-reply`)).toHaveLength(1);
  });

  test('the same MessageSid delivered ten times at once: the same TwiML, one transcript entry', async () => {
    const phone = '+15125550161';
    await stack.directory.putCustomer({ id: 'C-3001', name: 'Dup Licate', phones: [phone], language: 'en' });
    const sid = messageSid();
    const results = await Promise.all(Array.from({ length: 10 }, () => sendText(stack, phone, 'where is my tech', { sid })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.twiml)).size).toBe(1);
    expect(results[0]!.replies).toHaveLength(1);
    const transcript = await stack.conversations.listMessages((await threadOf(phone))!.conversationId!);
    expect(transcript).toHaveLength(2);
  });

  test('a crash after the claim: the next delivery of the same text processes it, once', async () => {
    const sid = messageSid();
    // An invocation claimed the text and died before answering.
    expect(await stack.conversations.claimInbound(sid, stack.clock.now(), 5_000)).toMatchObject({ kind: 'claimed' });
    stack.clock.advance(6_000);
    try {
      const retry = await sendText(stack, ANA, 'where is my technician', { sid });
      expect(retry.status).toBe(200);
      expect(retry.replies[0]).toMatch(/^Sam/);
      const again = await sendText(stack, ANA, 'where is my technician', { sid });
      expect(again.twiml).toBe(retry.twiml);
      const transcript = await stack.conversations.listMessages((await threadOf(ANA))!.conversationId!);
      expect(transcript.filter((m) => m.sid === sid)).toHaveLength(1);
    } finally {
      stack.clock.set(NOW);
    }
  });

  // Order: the transcript is kept in the order the webhook received the texts (receipt time, then
  // sid). Twilio puts no timestamp on inbound webhooks and does not promise their order, so
  // "in order" cannot mean more than that; what must hold is that none is lost or doubled.
  test('20 texts from one number at once all land in the transcript, none twice', async () => {
    const phone = '+15125550163';
    await stack.directory.putCustomer({ id: 'C-3003', name: 'Burst Sender', phones: [phone], language: 'en' });
    const bodies = Array.from({ length: 20 }, (_, i) => `text number ${i}`);
    const results = await Promise.all(bodies.map((body) => sendText(stack, phone, body)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const inbound = (await stack.conversations.listMessages((await threadOf(phone))!.conversationId!)).filter(
      (m) => m.direction === 'inbound',
    );
    expect(inbound.map((m) => m.body).sort()).toEqual([...bodies].sort());
    expect(new Set(inbound.map((m) => m.sid)).size).toBe(20);
  });

  test("a new number's first texts, at once, open one conversation: stored, with every text in it", async () => {
    const phone = '+15125550164';
    await stack.directory.putCustomer({ id: 'C-3004', name: 'First Burst', phones: [phone], language: 'en' });
    const bodies = Array.from({ length: 10 }, (_, i) => `where is my technician ${i}`);
    await Promise.all(bodies.map((body) => sendText(stack, phone, body)));
    const { conversationId } = (await threadOf(phone))!;
    expect(await stack.conversations.getConversation(conversationId!)).toMatchObject({ customerId: 'C-3004', address: { phone } });
    const stored = await scanAll(stack.store.client, {
      TableName: stack.settings.CONVERSATIONS_TABLE,
      FilterExpression: 'sk = :meta AND address.phone = :phone',
      ExpressionAttributeValues: { ':meta': 'META', ':phone': phone },
    });
    expect(stored.map((conversation) => conversation.id)).toEqual([conversationId]);
    const inbound = (await stack.conversations.listMessages(conversationId!)).filter((m) => m.direction === 'inbound');
    expect(inbound.map((m) => m.body).sort()).toEqual([...bodies].sort());
  });

  test('a thread left pointing at a conversation never stored (its opener crashed) carries on in that conversation', async () => {
    const phone = '+15125550165';
    await stack.directory.putCustomer({ id: 'C-3005', name: 'Crashed Opener', phones: [phone], language: 'en' });
    const at = stack.clock.now().toISOString();
    await stack.conversations.openConversation({
      id: 'conv-opened-then-crashed',
      address: { channel: 'sms', phone },
      customerId: 'C-3005',
      language: 'en',
      status: 'bot',
      dialogue: { kind: 'idle' },
      lastIntents: [],
      createdAt: at,
      updatedAt: at,
      version: 0,
    });
    expect(await stack.conversations.getConversation('conv-opened-then-crashed')).toBeUndefined();
    const result = await sendText(stack, phone, 'where is my technician');
    expect(result.status).toBe(200);
    expect((await threadOf(phone))?.conversationId).toBe('conv-opened-then-crashed');
    expect(await stack.conversations.getConversation('conv-opened-then-crashed')).toMatchObject({ customerId: 'C-3005' });
    expect((await stack.conversations.listMessages('conv-opened-then-crashed')).map((m) => m.body)).toContain('where is my technician');
  });

  test("an opted-out number's text is kept unanswered, in a stored conversation (so export and erasure find it)", async () => {
    const phone = '+15125550166';
    await stack.conversations.setOptOut({ channel: 'sms', phone }, true, stack.clock.now());
    const result = await sendText(stack, phone, 'hello?');
    expect(result.status).toBe(200);
    expect(result.replies).toEqual([]);
    const { conversationId } = (await threadOf(phone))!;
    expect(await stack.conversations.getConversation(conversationId!)).toMatchObject({ address: { phone } });
    expect((await stack.conversations.listMessages(conversationId!)).map((m) => m.body)).toEqual(['hello?']);
  });

  test('several texts from one number at once: none is lost from the transcript', async () => {
    const phone = '+15125550162';
    await stack.directory.putCustomer({ id: 'C-3002', name: 'Many Texts', phones: [phone], language: 'en' });
    const bodies = Array.from({ length: 8 }, (_, i) => `where is my technician ${i}`);
    const results = await Promise.all(bodies.map((body) => sendText(stack, phone, body)));
    expect(results.map((r) => r.status)).toEqual(Array(bodies.length).fill(200));
    const transcript = await stack.conversations.listMessages((await threadOf(phone))!.conversationId!);
    const inbound = transcript.filter((m) => m.direction === 'inbound').map((m) => m.body);
    expect(inbound.sort()).toEqual([...bodies].sort());
  });
});
