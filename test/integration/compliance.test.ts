import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOW, fixture } from '../support/fixture.js';
import { ANA_TOKEN, agentCall } from '../support/agent.js';
import { ask, sendText, startTestStack, type TestStack } from '../support/stack.js';

const HELP_TEXT = 'Acme Cable help: text "where is my tech?" or AGENT. Call 512-555-0199. Reply STOP to opt out.';
const OPTED_OUT = "You're unsubscribed from Acme Cable texts. No more messages will be sent. Reply START to resubscribe.";
const OPTED_IN = "You're subscribed to Acme Cable texts again. Reply HELP for help, STOP to unsubscribe.";
const T8 = 'tech-t8-token';

let stack: TestStack;
let next = 4000;
const freshNumber = () => `+1512555${next++}`;

beforeAll(async () => {
  stack = await startTestStack(NOW, fixture, { COMPANY_NAME: 'Acme Cable', HELP_TEXT });
});
afterAll(async () => stack?.close());

async function outboxTo(phone: string): Promise<Array<{ body: string; via: string }>> {
  await stack.outbound.drain();
  await stack.twilio.settle();
  return (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json();
}

/** SPEC §5's opt-out keywords, each as people type it: shouted, lower case with a full stop, capitalised and exclaimed. */
const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT'];
const spellings = OPT_OUT_KEYWORDS.flatMap((keyword) => [
  keyword,
  `${keyword.toLowerCase()}.`,
  `${keyword[0]}${keyword.slice(1).toLowerCase()}!!`,
  ` ${keyword.toLowerCase()}?`,
]);

describe('opting out', () => {
  test.each([...spellings, 'stop texting me', 'Please stop texting me!'])('"%s" opts the number out, then the bot says nothing', async (text) => {
    const phone = freshNumber();
    expect(await ask(stack, phone, text)).toBe(OPTED_OUT);
    expect((await stack.conversations.getThread({ channel: 'sms', phone }))?.optedOut).toBe(true);

    const after = await sendText(stack, phone, 'where is my technician?');
    expect(after.status).toBe(200);
    expect(after.twiml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await outboxTo(phone)).toEqual([]);
  });

  test('"cancel my appointment" is a request about the visit, not an opt-out', async () => {
    const phone = freshNumber();
    await sendText(stack, phone, 'cancel my appointment');
    expect((await stack.conversations.getThread({ channel: 'sms', phone }))?.optedOut).toBe(false);
  });

  test('a second STOP is kept but not answered (one confirmation only)', async () => {
    const phone = freshNumber();
    await ask(stack, phone, 'STOP');
    expect((await sendText(stack, phone, 'STOP')).replies).toEqual([]);
  });
});

describe('outbound only to numbers on file or that texted first', () => {
  test("a queued send naming another number, or other words than the transcript's, is dropped; the true one goes out", async () => {
    const phone = freshNumber();
    const stranger = freshNumber();
    await ask(stack, phone, 'talk to a person');
    const id = (await stack.conversations.getThread({ channel: 'sms', phone }))!.conversationId!;
    // An agent's message waiting in the transcript, and jobs for it that say otherwise (a bug,
    // or a message put on the queue by hand).
    const message = {
      conversationId: id,
      sid: 'SMqueuedbyhand',
      direction: 'outbound' as const,
      author: 'agent' as const,
      body: 'Hello from Ana',
      at: stack.clock.now().toISOString(),
      status: 'queued' as const,
    };
    await stack.conversations.appendMessages([message]);
    const job = { conversationId: id, sid: message.sid, at: message.at, to: { channel: 'sms' as const, phone }, body: message.body, attempt: 1 };
    await stack.outbound.enqueue({ ...job, to: { channel: 'sms', phone: stranger } });
    await stack.outbound.enqueue({ ...job, body: 'Send me your card number' });
    expect(await outboxTo(stranger)).toEqual([]);
    expect((await outboxTo(phone)).filter((m) => m.via === 'rest')).toEqual([]);
    await stack.outbound.enqueue(job);
    expect((await outboxTo(phone)).filter((m) => m.via === 'rest').map((m) => m.body)).toEqual(['Hello from Ana']);
  });
});

describe('after STOP nothing reaches the number until START', () => {
  test('no bot reply, no agent reply (409), no proactive message; START resumes all three', async () => {
    // A customer with a visit today on T-8's route, chatting with an agent.
    const phone = freshNumber();
    await stack.directory.putCustomer({ id: 'C-STOP', name: 'Stop Tester', phones: [phone], language: 'en' });
    await stack.directory.putAppointment({ ...fixture.appointments[4]!, id: 'A-STOP', customerId: 'C-STOP', sequence: 5 } as never);
    await ask(stack, phone, 'talk to a person');
    const id = (await stack.conversations.getThread({ channel: 'sms', phone }))!.conversationId!;
    expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`)).status).toBe(200);

    expect(await ask(stack, phone, 'Stop.')).toBe(OPTED_OUT);
    const before = await outboxTo(phone);

    expect((await sendText(stack, phone, 'hello?')).replies).toEqual([]);
    const agentReply = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'Are you there?' });
    expect(agentReply).toMatchObject({ status: 409, body: { code: 'opted_out' } });
    const enRoute = await fetch(`${stack.url}/api/jobs/A-STOP/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${T8}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'en_route' }),
    });
    expect(enRoute.status).toBe(200);
    expect(await outboxTo(phone)).toEqual(before);

    expect(await ask(stack, phone, 'START')).toBe(OPTED_IN);
    const resumed = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'Welcome back' });
    expect(resumed.status).toBe(201);
    expect((await outboxTo(phone)).at(-1)).toMatchObject({ body: 'Welcome back', via: 'rest' });
  });

  test.each(['UNSTOP', 'start!', 'Unstop.'])('"%s" opts back in and the bot answers again', async (keyword) => {
    const phone = freshNumber();
    await ask(stack, phone, 'STOP');
    expect(await ask(stack, phone, keyword)).toBe(OPTED_IN);
    expect((await stack.conversations.getThread({ channel: 'sms', phone }))?.optedOut).toBe(false);
    expect((await sendText(stack, phone, 'where is my technician?')).replies).toHaveLength(1);
  });
});

describe('HELP', () => {
  test.each(['HELP', 'help?', 'Info.', 'INFO!'])('"%s" answers with the configured help text', async (text) => {
    expect(await ask(stack, freshNumber(), text)).toBe(HELP_TEXT);
  });
});
