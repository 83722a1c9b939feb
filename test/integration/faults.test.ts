import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { INBOUND_LEASE_MS } from '../../lambdas/core/conversation/handle-inbound-message.js';
import { messageSid } from '../../local/twilio-stand-in.js';
import { ANA_TOKEN, agentCall } from '../support/agent.js';
import { storeFaults } from '../support/faults.js';
import { NOW, fixture } from '../support/fixture.js';
import { ask, sendText, startTestStack, type TestStack } from '../support/stack.js';

const faults = storeFaults();
let stack: TestStack;
let next = 7000;

beforeAll(async () => {
  stack = await startTestStack(NOW, fixture, {}, { decorate: faults.decorate });
});
afterEach(() => {
  faults.conversations.heal();
  faults.directory.heal();
  stack.clock.set(NOW);
});
afterAll(async () => stack?.close());

/** A customer with a visit on Sam's route today, so "where is my technician" has an ETA to give. */
async function customerWithVisit() {
  const n = next++;
  const phone = `+1512555${n}`;
  await stack.directory.putCustomer({ id: `C-F${n}`, name: `Fault ${n}`, phones: [phone], language: 'en' });
  await stack.directory.putAppointment({ ...fixture.appointments[3]!, id: `A-F${n}`, customerId: `C-F${n}`, sequence: 6 } as never);
  return phone;
}

async function transcriptOf(phone: string) {
  const thread = await stack.conversations.getThread({ channel: 'sms', phone });
  return thread?.conversationId ? stack.conversations.listMessages(thread.conversationId) : [];
}

describe('the store failing', () => {
  test('the webhook answers 500 (Twilio retries) saying nothing internal; the retry after recovery is answered once', async () => {
    const phone = await customerWithVisit();
    const sid = messageSid();
    faults.conversations.fail();
    const failed = await sendText(stack, phone, 'where is my technician', { sid });
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.twiml)).toEqual({ error: 'Internal error' });

    faults.conversations.heal();
    const retried = await sendText(stack, phone, 'where is my technician', { sid });
    expect(retried.status).toBe(200);
    expect(retried.replies).toEqual([expect.stringMatching(/^Sam/)]);
    const again = await sendText(stack, phone, 'where is my technician', { sid });
    expect(again.twiml).toBe(retried.twiml);
    expect((await transcriptOf(phone)).map((m) => [m.sid, m.author])).toEqual([
      [sid, 'customer'],
      [`${sid}-reply`, 'bot'],
    ]);
  });

  test('the directory failing: 500, and the retry is answered once', async () => {
    const phone = await customerWithVisit();
    const sid = messageSid();
    faults.directory.fail();
    expect((await sendText(stack, phone, 'where is my technician', { sid })).status).toBe(500);
    faults.directory.heal();
    stack.clock.advance(INBOUND_LEASE_MS + 1000);
    expect((await sendText(stack, phone, 'where is my technician', { sid })).replies).toEqual([expect.stringMatching(/^Sam/)]);
    expect((await transcriptOf(phone)).filter((m) => m.sid === sid)).toHaveLength(1);
  });

  test('a failure after the text was claimed and the chat saved: the retry after the lease answers it once', async () => {
    const phone = await customerWithVisit();
    const sid = messageSid();
    faults.conversations.fail(['appendMessages']);
    expect((await sendText(stack, phone, 'where is my technician', { sid })).status).toBe(500);
    faults.conversations.heal();
    stack.clock.advance(INBOUND_LEASE_MS + 1000);
    const retried = await sendText(stack, phone, 'where is my technician', { sid });
    expect(retried.replies).toEqual([expect.stringMatching(/^Sam/)]);
    const transcript = await transcriptOf(phone);
    expect(transcript.filter((m) => m.sid === sid)).toHaveLength(1);
    expect(transcript.filter((m) => m.sid === `${sid}-reply`)).toHaveLength(1);
  });

  // The failed invocation gives its claim up, so a retry inside the lease is processed at once.
  test('a failure after the claim: a retry inside the lease still gets the text answered', async () => {
    const phone = await customerWithVisit();
    const sid = messageSid();
    faults.conversations.fail(['appendMessages']);
    expect((await sendText(stack, phone, 'where is my technician', { sid })).status).toBe(500);
    faults.conversations.heal();
    // Either answer now, or refuse with a 5xx so that Twilio's next try answers.
    const first = await sendText(stack, phone, 'where is my technician', { sid });
    const retried = first.status >= 500 ? await sendText(stack, phone, 'where is my technician', { sid }) : first;
    expect(retried.replies).toEqual([expect.stringMatching(/^Sam/)]);
    expect((await transcriptOf(phone)).filter((m) => m.sid === sid)).toHaveLength(1);
  });
});

describe('the store slow', () => {
  test('300 ms per call: the webhook still answers with the right reply, once', async () => {
    const phone = await customerWithVisit();
    faults.conversations.slow(300);
    faults.directory.slow(300);
    const result = await sendText(stack, phone, 'where is my technician');
    expect(result.status).toBe(200);
    expect(result.replies).toEqual([expect.stringMatching(/^Sam should arrive/)]);
    faults.conversations.heal();
    faults.directory.heal();
    expect((await transcriptOf(phone)).map((m) => m.author)).toEqual(['customer', 'bot']);
  });
});

describe('a stale writer', () => {
  test('a text that read the chat before an agent claimed it cannot put it back in the queue', async () => {
    const phone = await customerWithVisit();
    await ask(stack, phone, 'talk to a person');
    const id = (await stack.conversations.getThread({ channel: 'sms', phone }))!.conversationId!;
    // The customer's next text has read the waiting chat and is about to save it...
    const door = faults.conversations.hold('saveConversation');
    const text = sendText(stack, phone, 'are you there?');
    await door.reached;
    // ...when an agent claims it (the agent API's store is not held).
    expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`)).status).toBe(200);
    door.release();
    expect((await text).status).toBe(200);
    expect(await stack.conversations.getConversation(id)).toMatchObject({ status: 'assigned', assignedTo: 'ana' });
    const kept = (await stack.conversations.listMessages(id)).filter((m) => m.body === 'are you there?');
    expect(kept).toHaveLength(1);
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/close`);
  });
});

describe('one number slow', () => {
  test('a text from another number is answered while the slow one is still waiting on the store', async () => {
    const slowPhone = await customerWithVisit();
    const otherPhone = await customerWithVisit();
    // Every conversations-store call that names the slow number (its thread, its conversation) waits 1 s.
    faults.conversations.slowFor(slowPhone, 1_000);
    let slowAnswered = false;
    const slow = sendText(stack, slowPhone, 'where is my technician').then((result) => {
      slowAnswered = true;
      return result;
    });
    const other = await sendText(stack, otherPhone, 'where is my technician');
    expect(other.replies).toEqual([expect.stringMatching(/^Sam should arrive/)]);
    expect(slowAnswered).toBe(false);
    expect((await slow).replies).toEqual([expect.stringMatching(/^Sam should arrive/)]);
  });
});

describe('outbound sends', () => {
  async function heldChat() {
    const phone = `+1512555${next++}`;
    await ask(stack, phone, 'talk to a person');
    const id = (await stack.conversations.getThread({ channel: 'sms', phone }))!.conversationId!;
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`);
    return { phone, id };
  }

  test('a send that keeps failing inside Switchboard ends in the dead letters, not nowhere', async () => {
    const { phone, id } = await heldChat();
    faults.conversations.fail(['getMessage']);
    expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'lost?' })).status).toBe(201);
    await stack.outbound.drain();
    faults.conversations.heal();
    expect(stack.outbound.deadLetters.filter((job) => job.conversationId === id)).toEqual([
      expect.objectContaining({ to: { channel: 'sms', phone }, body: 'lost?' }),
    ]);
    expect(stack.twilio.listOutbox(phone).filter((m) => m.via === 'rest')).toEqual([]);
    // The agent still sees the message as queued, not sent.
    const chat = await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${id}`);
    expect(chat.body.transcript.find((m: { author: string }) => m.author === 'agent')).toMatchObject({ body: 'lost?', status: 'queued' });
  });

  // The at-most-twice window (docs/reliability.md): Twilio accepted the text, then recording
  // its sid failed. The queue's retry cannot tell it was sent, so the customer gets it twice;
  // the retry records the sid, and no further retry sends it a third time.
  test('the sid write failing after Twilio accepted the text: sent twice, never a third time', async () => {
    const { phone, id } = await heldChat();
    faults.conversations.failNext('linkTwilioSid');
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'twice at most' });
    for (let i = 0; i < 3; i++) await stack.outbound.drain();
    await stack.twilio.settle();
    expect(stack.twilio.listOutbox(phone).filter((m) => m.via === 'rest').map((m) => m.body)).toEqual(['twice at most', 'twice at most']);
    expect(stack.outbound.deadLetters.filter((job) => job.conversationId === id)).toEqual([]);
    const chat = await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${id}`);
    const sent = chat.body.transcript.filter((m: { author: string }) => m.author === 'agent');
    expect(sent).toHaveLength(1);
    expect(sent[0].status).not.toBe('queued');
  });

  test('Twilio refusing every attempt (503): retried, then kept as failed with the reason for the agent', async () => {
    const { phone, id } = await heldChat();
    for (let i = 0; i < stack.settings.OUTBOUND_MAX_ATTEMPTS; i++) stack.twilio.failNext(phone, '503', 'api');
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'outage' });
    for (let i = 0; i <= stack.settings.OUTBOUND_MAX_ATTEMPTS; i++) await stack.outbound.drain();
    const chat = await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${id}`);
    expect(chat.body.transcript.find((m: { author: string }) => m.author === 'agent')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^503: /),
    });
  });
});
