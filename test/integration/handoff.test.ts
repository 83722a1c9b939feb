import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { escalationEventSchema } from '../../lambdas/core/handoff/escalation-event.js';
import { ANA, NOW, fixture } from '../support/fixture.js';
import { ANA_TOKEN, BEN_TOKEN, agentCall } from '../support/agent.js';
import { ask, sendText, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let next = 300;
/** A fresh known customer per test, so tests do not share a queue position. */
async function newCustomer(language: 'en' | 'es' = 'en', visit = false) {
  const phone = `+1512555${String(next++).padStart(4, '0')}`;
  const id = `C-H${next}`;
  await stack.directory.putCustomer({ id, name: `Hand Off ${next}`, phones: [phone], accountNumber: `9${next}`, language });
  if (visit) {
    await stack.directory.putAppointment({ ...fixture.appointments[3]!, id: `A-H${next}`, customerId: id } as never);
  }
  return { phone, id };
}

async function chatOf(phone: string, channel: 'sms' | 'whatsapp' = 'sms') {
  const thread = await stack.conversations.getThread({ channel, phone });
  return thread!.conversationId!;
}

async function settle() {
  await stack.outbound.drain();
  await stack.twilio.settle();
}

beforeAll(async () => {
  stack = await startTestStack(NOW, fixture, { AGENT_MAX_CHATS: '3', QUEUE_IDLE_MINUTES: '10' });
});
afterAll(async () => stack?.close());

describe('escalation', () => {
  test('an unsure text goes to the queue, the customer is told a person will reply, and the event is published', async () => {
    const { phone, id } = await newCustomer('en', true);
    await agentCall(stack, ANA_TOKEN, 'GET', '/conversations?status=waiting'); // an agent is online
    const reply = await ask(stack, phone, 'my bill is wrong, you charged me twice');
    expect(reply).toMatch(/passing you to a member of our team\. They'll text you back right here in about \d+ min\./);

    const conversationId = await chatOf(phone);
    const event = stack.events.published.find((e) => e.conversationId === conversationId);
    expect(escalationEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      type: 'conversation.escalated',
      reason: 'low_confidence',
      priority: 'normal',
      channel: 'sms',
      customer: { id, phone },
      bot: { appointment: { status: 'scheduled', technicianId: 'T-7' } },
    });
    expect(event!.transcript.map((m) => m.author)).toEqual(['customer', 'bot']);
    expect(event!.bot.lastIntents[0]).toMatchObject({ intent: null });
  });

  test('an emergency is urgent, jumps the queue and starts with safety advice', async () => {
    const calm = await newCustomer();
    const urgent = await newCustomer();
    await ask(stack, calm.phone, 'talk to a person please');
    const reply = await ask(stack, urgent.phone, 'I smell gas near the water heater');
    expect(reply).toMatch(/^If you smell gas .* call 911\./);
    const queue = await agentCall(stack, ANA_TOKEN, 'GET', '/conversations?status=waiting');
    const ids = queue.body.conversations.map((c: { id: string }) => c.id);
    expect(ids[0]).toBe(await chatOf(urgent.phone));
    expect(queue.body.conversations[0]).toMatchObject({ priority: 'urgent', reason: 'emergency' });
  });

  test('asking the same thing a third time without progress goes to a person', async () => {
    const { phone } = await newCustomer('en', true);
    expect(await ask(stack, phone, 'where is my technician')).toMatch(/^Sam/);
    expect(await ask(stack, phone, 'where is the tech??')).toMatch(/^Sam/);
    expect(await ask(stack, phone, 'where is my technician')).toMatch(/member of our team/);
    const conversation = await stack.conversations.getConversation(await chatOf(phone));
    expect(conversation?.handoff?.reason).toBe('repeated');
  });

  test('outside business hours the customer is told the hours and that the queue keeps the message', async () => {
    const closed = await startTestStack(NOW, undefined, { BUSINESS_HOURS: 'Mon-Fri 08:00-18:00' });
    try {
      await closed.directory.putCustomer({ id: 'C-N', name: 'Night Owl', phones: ['+15125550999'], language: 'en' });
      expect(await ask(closed, '+15125550999', 'I want to talk to someone')).toBe(
        'Our team is available Mon-Fri 8 am-6 pm. Your message is in our queue and a person will text you back here when we open.',
      );
    } finally {
      await closed.close();
    }
  });
});

describe('loop guard', () => {
  test('more than 12 texts a minute from one number (an auto-responder) stop the bot and flag the chat', async () => {
    const { phone } = await newCustomer('en', true);
    // Texts the bot answers each time (so only the loop guard can stop it).
    const cycle = ['where is my technician', 'cancel my appointment', 'no'];
    const replies: number[] = [];
    for (let i = 0; i < 15; i++) {
      stack.clock.advance(2_000);
      replies.push((await sendText(stack, phone, cycle[i % 3]!)).replies.length);
    }
    stack.clock.set(NOW);
    expect(replies).toEqual([...Array(12).fill(1), 0, 0, 0]);
    const id = await chatOf(phone);
    expect(await stack.conversations.getConversation(id)).toMatchObject({ status: 'waiting', handoff: { reason: 'loop_guard' } });
    expect(stack.events.published.some((e) => e.conversationId === id && e.reason === 'loop_guard')).toBe(true);
    expect((await stack.conversations.listMessages(id)).filter((m) => m.author === 'customer')).toHaveLength(15);
  });
});

describe('the queue', () => {
  test('needs a known agent token', async () => {
    expect((await agentCall(stack, null, 'GET', '/conversations')).status).toBe(401);
    expect((await agentCall(stack, 'nope', 'GET', '/conversations')).status).toBe(401);
  });

  test('lists waiting chats with customer, channel, language, reason, wait and transcript; filters by language', async () => {
    const es = await newCustomer('es');
    await ask(stack, es.phone, 'quiero hablar con una persona');
    const all = await agentCall(stack, ANA_TOKEN, 'GET', '/conversations?status=waiting');
    const chat = all.body.conversations.find((c: { customer?: { id: string } }) => c.customer?.id === es.id);
    expect(chat).toMatchObject({ channel: 'sms', language: 'es', reason: 'talk_to_agent', status: 'waiting' });
    expect(chat.waitingSince).toBeTruthy();
    expect(chat.transcript.map((m: { author: string }) => m.author)).toEqual(['customer', 'bot']);
    const english = await agentCall(stack, ANA_TOKEN, 'GET', '/conversations?status=waiting&language=en');
    expect(english.body.conversations.every((c: { language: string }) => c.language === 'en')).toBe(true);
    expect((await agentCall(stack, ANA_TOKEN, 'GET', '/conversations?status=bogus')).status).toBe(400);
  });

  test('flags a chat that has waited past the idle limit', async () => {
    const { phone } = await newCustomer();
    await ask(stack, phone, 'talk to a person');
    const id = await chatOf(phone);
    stack.clock.advance(11 * 60_000);
    try {
      const chat = await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${id}`);
      expect(chat.body.flags).toContain('idle');
    } finally {
      stack.clock.set(NOW);
    }
  });
});

describe('claim, reply, close', () => {
  test('two agents claiming at once: one wins, the other gets 409', async () => {
    const { phone } = await newCustomer();
    await ask(stack, phone, 'talk to a person');
    const id = await chatOf(phone);
    const [a, b] = await Promise.all([
      agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`),
      agentCall(stack, BEN_TOKEN, 'POST', `/conversations/${id}/claim`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const holder = a.status === 200 ? 'ana' : 'ben';
    expect((await stack.conversations.getConversation(id))?.assignedTo).toBe(holder);
    await agentCall(stack, holder === 'ana' ? ANA_TOKEN : BEN_TOKEN, 'POST', `/conversations/${id}/close`);
  });

  test('escalate → claim → reply → customer answers the agent → close → the bot answers again', async () => {
    const { phone } = await newCustomer('en', true);
    await ask(stack, phone, 'my bill is wrong');
    const id = await chatOf(phone);

    stack.clock.advance(60_000);
    const waits = stack.metrics.values('QueueWait').length;
    const claimed = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`);
    expect(claimed).toMatchObject({ status: 200, body: { status: 'assigned', assignedTo: 'ana' } });
    // The wait from the handoff to the claim is published for the dashboard's queue-wait alarm.
    expect(stack.metrics.values('QueueWait').slice(waits)).toEqual([60_000]);
    expect(claimed.body.customer).toMatchObject({ name: expect.stringMatching(/^Hand Off/) });
    expect(claimed.body.visit).toMatchObject({ technician: 'Sam Lee', eta: expect.stringMatching(/^Sam should arrive/) });

    const sent = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'Hi, I can fix that. Which charge?' });
    expect(sent).toMatchObject({ status: 201, body: { message: { author: 'agent', agent: 'ana', status: 'queued' } } });
    await settle();
    const outbox = await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json();
    expect(outbox.at(-1)).toMatchObject({ body: 'Hi, I can fix that. Which charge?', via: 'rest', status: 'delivered' });

    stack.clock.advance(60_000);
    const quiet = await sendText(stack, phone, 'the one from nov 3');
    expect(quiet.replies).toEqual([]);
    const chat = await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${id}`);
    expect(chat.body.transcript.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual([
      ['customer', 'my bill is wrong'],
      ['bot', expect.stringMatching(/member of our team/)],
      ['agent', 'Hi, I can fix that. Which charge?'],
      ['customer', 'the one from nov 3'],
    ]);
    expect(chat.body.transcript[2].status).toBe('delivered');

    expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/close`)).body.status).toBe('closed');
    stack.clock.set(NOW);
    expect(await ask(stack, phone, 'where is my technician')).toMatch(/^Sam/);
  });

  test('a WhatsApp chat is answered on WhatsApp; after 24 hours of silence only a template could be sent', async () => {
    const { phone } = await newCustomer();
    await ask(stack, `whatsapp:${phone}`, 'talk to a human');
    const id = await chatOf(phone, 'whatsapp');
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`);
    expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'Hello!' })).status).toBe(201);
    await settle();
    const outbox = await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(`whatsapp:${phone}`)}`)).json();
    expect(outbox.at(-1)).toMatchObject({ body: 'Hello!', from: 'whatsapp:+15125550000' });

    stack.clock.advance(25 * 3600_000);
    try {
      const late = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'Still there?' });
      expect(late).toMatchObject({ status: 409, body: { code: 'whatsapp_window_closed' } });
    } finally {
      stack.clock.set(NOW);
      await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/close`);
    }
  });

  test('closing with a satisfaction question records the 1-5 answer on the chat', async () => {
    const { phone } = await newCustomer();
    await ask(stack, phone, 'talk to a person');
    const id = await chatOf(phone);
    await agentCall(stack, BEN_TOKEN, 'POST', `/conversations/${id}/claim`);
    await agentCall(stack, BEN_TOKEN, 'POST', `/conversations/${id}/close`, { csat: true });
    await settle();
    const outbox = await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json();
    expect(outbox.at(-1).body).toMatch(/Reply 1 \(poor\) to 5 \(great\)/);
    expect(await ask(stack, phone, '5')).toBe('Thanks for your feedback!');
    expect((await stack.conversations.getConversation(id))?.csat).toBe(5);
  });

  test('an agent holds at most AGENT_MAX_CHATS chats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { phone } = await newCustomer();
      await ask(stack, phone, 'talk to a person');
      ids.push(await chatOf(phone));
    }
    const results = [];
    for (const id of ids) results.push(await agentCall(stack, BEN_TOKEN, 'POST', `/conversations/${id}/claim`));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 409]);
    expect(results[3]!.body.code).toBe('too_many_chats');
    for (const id of ids.slice(0, 3)) await agentCall(stack, BEN_TOKEN, 'POST', `/conversations/${id}/close`);
  });
});

describe('bad input and refusals', () => {
  let id: string;
  let phone: string;
  beforeAll(async () => {
    ({ phone } = await newCustomer());
    await ask(stack, phone, 'talk to a person');
    id = await chatOf(phone);
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`);
  });

  test.each([
    ['an empty body', { body: '   ' }, 400, /body is empty/],
    ['a body over 1,600 characters', { body: 'x'.repeat(1601) }, 400, /over 1600/],
    ['no body field', {}, 400, /body is required/],
    ['malformed JSON', '{"body": ', 400, /not valid JSON/],
  ])('a reply with %s is refused', async (_label, body, status, error) => {
    const result = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, body);
    expect(result.status).toBe(status);
    expect(result.body.error).toMatch(error);
  });

  test('an unknown conversation is a 404; another agent acting on the chat is a 409', async () => {
    expect((await agentCall(stack, ANA_TOKEN, 'GET', '/conversations/nope')).status).toBe(404);
    expect((await agentCall(stack, ANA_TOKEN, 'POST', '/conversations/nope/claim')).status).toBe(404);
    const other = await agentCall(stack, BEN_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'hi' });
    expect(other).toMatchObject({ status: 409, body: { code: 'not_your_chat' } });
  });

  test('a customer who opted out cannot be texted (409), and nothing is sent', async () => {
    await ask(stack, phone, 'STOP');
    const before = (await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json()).length;
    const result = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'hello?' });
    expect(result).toMatchObject({ status: 409, body: { code: 'opted_out' } });
    await settle();
    expect((await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json()).length).toBe(before);
    await ask(stack, phone, 'START');
  });

  test('a reply to a closed chat is a 409', async () => {
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/close`);
    const result = await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'one more thing' });
    expect(result).toMatchObject({ status: 409, body: { code: 'chat_closed' } });
  });
});

describe('send failures', () => {
  async function heldChat() {
    const { phone } = await newCustomer();
    await ask(stack, phone, 'talk to a person');
    const id = await chatOf(phone);
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`);
    return { phone, id };
  }
  async function agentMessage(id: string) {
    const chat = await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${id}`);
    return chat.body.transcript.filter((m: { author: string }) => m.author === 'agent').at(-1);
  }

  test('a permanent failure is kept as failed with the reason, visible to the agent', async () => {
    const { phone, id } = await heldChat();
    stack.twilio.failNext(phone, '21211', 'api');
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'hello' });
    await settle();
    expect(await agentMessage(id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^21211/) });
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/close`);
  });

  test('a transient failure (Twilio outage, carrier unreachable) is retried until delivered', async () => {
    const { phone, id } = await heldChat();
    stack.twilio.failNext(phone, '503', 'api');
    stack.twilio.failNext(phone, '30003', 'callback');
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'are you there?' });
    for (let i = 0; i < 5; i++) await settle();
    expect(await agentMessage(id)).toMatchObject({ status: 'delivered' });
    const outbox = await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json();
    expect(outbox.filter((m: { body: string }) => m.body === 'are you there?').map((m: { status: string }) => m.status)).toEqual([
      'undelivered',
      'delivered',
    ]);
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/close`);
  });

  test('Twilio error 21610 marks the number opted out and is not retried', async () => {
    const { phone, id } = await heldChat();
    stack.twilio.failNext(phone, '21610', 'api');
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: 'hi' });
    await settle();
    expect(await agentMessage(id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^21610/) });
    expect((await stack.conversations.getThread({ channel: 'sms', phone }))?.optedOut).toBe(true);
  });
});
