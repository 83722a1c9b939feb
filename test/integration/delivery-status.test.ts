import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TranscriptMessage } from '../../lambdas/core/domain/conversation.js';
import { NOW } from '../support/fixture.js';
import { ANA_TOKEN, agentCall } from '../support/agent.js';
import { ask, sendStatus, startTestStack, type TestStack } from '../support/stack.js';

// Handoff tests already cover: 503 then 30003 retried until delivered; 21610 opts out without retry.
const MAX_ATTEMPTS = 3;

let stack: TestStack;
let next = 6000;
beforeAll(async () => {
  stack = await startTestStack(NOW, undefined, { OUTBOUND_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
});
afterAll(async () => stack?.close());

/** Runs the queue and Twilio's callbacks until nothing is left in flight (retries enqueue more). */
async function settle() {
  for (let i = 0; i < 3 * MAX_ATTEMPTS; i++) {
    await stack.outbound.drain();
    await stack.twilio.settle();
  }
}

/** A chat held by Ana with one agent reply sent to the customer. */
async function agentReply(body: string, failures: string[] = []) {
  const phone = `+1512555${next++}`;
  await stack.directory.putCustomer({ id: `C-D${next}`, name: 'Status Tester', phones: [phone], language: 'en' });
  await ask(stack, phone, 'talk to a person');
  const id = (await stack.conversations.getThread({ channel: 'sms', phone }))!.conversationId!;
  await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`);
  for (const code of failures) stack.twilio.failNext(phone, code, 'callback');
  expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body })).status).toBe(201);
  await settle();
  const sent = async (): Promise<TranscriptMessage> =>
    (await stack.conversations.listMessages(id)).find((m) => m.author === 'agent')!;
  const sends = () => stack.twilio.listOutbox(phone).filter((m) => m.body === body);
  return { phone, id, sent, sends };
}

describe('status callbacks only move a message forward', () => {
  test('a late "sent" after "delivered" changes nothing', async () => {
    const { sent } = await agentReply('late sent');
    const delivered = await sent();
    expect(delivered.status).toBe('delivered');
    expect(await sendStatus(stack, { MessageSid: delivered.twilioSid!, MessageStatus: 'sent' })).toBe(204);
    expect(await sendStatus(stack, { MessageSid: delivered.twilioSid!, MessageStatus: 'queued' })).toBe(204);
    expect(await sent()).toEqual(delivered);
  });

  test('a duplicate "delivered", or a failure reported after delivery, is a no-op and sends nothing', async () => {
    const { sent, sends } = await agentReply('duplicate delivered');
    const delivered = await sent();
    expect(await sendStatus(stack, { MessageSid: delivered.twilioSid!, MessageStatus: 'delivered' })).toBe(204);
    expect(await sendStatus(stack, { MessageSid: delivered.twilioSid!, MessageStatus: 'undelivered', ErrorCode: '30003' })).toBe(204);
    await settle();
    expect(await sent()).toEqual(delivered);
    expect(sends()).toHaveLength(1);
  });

  test('a callback for a message Switchboard never sent is accepted and ignored', async () => {
    expect(await sendStatus(stack, { MessageSid: `SM${'0'.repeat(32)}`, MessageStatus: 'delivered' })).toBe(204);
  });

  test('a repeated 30003 failure callback re-sends the message once, not twice', async () => {
    const { sent, sends } = await agentReply('one retry only', ['30003']);
    const [failed] = sends();
    expect(await sendStatus(stack, { MessageSid: failed!.sid, MessageStatus: 'undelivered', ErrorCode: '30003' })).toBe(204);
    await settle();
    expect(sends().map((m) => m.status)).toEqual(['undelivered', 'delivered']);
    expect(await sent()).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});

describe('carrier failures', () => {
  test('30006 (landline) is never retried: one send, kept as undelivered with the reason', async () => {
    const { sent, sends } = await agentReply('to a landline', ['30006']);
    expect(sends().map((m) => m.status)).toEqual(['undelivered']);
    expect(await sent()).toMatchObject({ status: 'undelivered', error: expect.stringMatching(/^30006: /) });
  });

  test(`30003 (unreachable) is retried at most OUTBOUND_MAX_ATTEMPTS (${MAX_ATTEMPTS}) times, then kept as undelivered`, async () => {
    const { id, sent, sends } = await agentReply('phone switched off', Array(MAX_ATTEMPTS + 1).fill('30003'));
    expect(sends().map((m) => m.status)).toEqual(Array(MAX_ATTEMPTS).fill('undelivered'));
    expect(await sent()).toMatchObject({ status: 'undelivered', error: expect.stringMatching(/^30003: /), attempts: MAX_ATTEMPTS });
    // What the agent sees in the console.
    const chat = await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${id}`);
    const shown = chat.body.transcript.find((m: { author: string }) => m.author === 'agent');
    expect(shown).toMatchObject({ status: 'undelivered', error: expect.stringMatching(/^30003/) });
  });
});
