import type { TranscriptMessage } from '../../lambdas/core/domain/conversation.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANA, ANA_SECOND_PHONE, DANA, GRACE, JOHN, LUIS, NOW, OMAR, PRIYA, fixture } from '../support/fixture.js';
import { ask, sendText, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
});
afterAll(async () => stack?.close());

async function transcriptOf(phone: string, channel: 'sms' | 'whatsapp' = 'sms'): Promise<TranscriptMessage[]> {
  const thread = await stack.conversations.getThread({ channel, phone });
  return thread?.conversationId ? stack.conversations.listMessages(thread.conversationId) : [];
}

describe('"where is my technician?" over SMS and WhatsApp', () => {
  test('a known customer gets the first name, a clock-time range and the stops ahead, as TwiML', async () => {
    const result = await sendText(stack, ANA, "when's the installer showing up?");
    expect(result.status).toBe(200);
    expect(result.contentType).toContain('text/xml');
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]).toMatch(/^Sam should arrive about \d{1,2}:\d\d-\d{1,2}:\d\d pm, with 2 stops before yours\.$/);
  });

  test('the same customer on WhatsApp and on a second number gets the same answer', async () => {
    const sms = await ask(stack, ANA, 'where is my technician');
    expect(await ask(stack, `whatsapp:${ANA}`, 'where is my technician')).toBe(sms);
    expect(await ask(stack, ANA_SECOND_PHONE, 'where is my technician')).toBe(sms);
  });

  test.each([
    ['the technician on site', OMAR, 'where is my tech?', /^Sam is at your address now\.$/],
    ['the next customer after the current job', JOHN, 'where is my tech?', /^Sam should arrive about .* with 1 stop before yours/],
    ['a completed visit', PRIYA, 'where is my tech?', /^Your visit today was completed at 11:30 am\./],
    ['a visit on another day, in Spanish', LUIS, 'donde esta mi tecnico?', /^Su visita es el mar 24\/11, 8 am-12 pm\./],
    ['no visit booked', DANA, 'where is my tech?', /can't find a visit booked.*Reply AGENT/],
    ['a stale technician location', GRACE, 'where is my tech?', /^I don't have a live location for Maria right now\. Your visit is booked for 2-5 pm today, and you're next on the route\.$/],
  ])('%s gets a clear, honest answer', async (_label, phone, text, expected) => {
    expect(await ask(stack, phone, text)).toMatch(expected);
  });

  test('every message is kept with direction, author, time, sid and the intent the bot saw', async () => {
    const { sid } = await sendText(stack, JOHN, 'how long until the technician gets here');
    const transcript = await transcriptOf(JOHN);
    const inbound = transcript.find((message) => message.sid === sid);
    expect(inbound).toMatchObject({ direction: 'inbound', author: 'customer', body: 'how long until the technician gets here', intent: 'technician_eta' });
    expect(inbound!.confidence).toBeGreaterThan(0.5);
    const reply = transcript.find((message) => message.sid === `${sid}-reply`);
    expect(reply).toMatchObject({ direction: 'outbound', author: 'bot' });
    expect(reply!.body).toMatch(/^Sam/);
  });
});

describe('compliance keywords', () => {
  const number = '+15125550140';

  beforeAll(async () => {
    await stack.directory.putCustomer({ id: 'C-2001', name: 'Stop Tester', phones: [number], language: 'en' });
  });

  test('STOP opts out with one confirmation, later texts get nothing, START opts back in', async () => {
    expect(await ask(stack, number, 'Stop.')).toMatch(/unsubscribed.*Reply START/);
    expect((await stack.conversations.getThread({ channel: 'sms', phone: number }))?.optedOut).toBe(true);

    const quiet = await sendText(stack, number, 'where is my technician');
    expect(quiet.status).toBe(200);
    expect(quiet.replies).toEqual([]);
    expect((await transcriptOf(number)).some((message) => message.sid === quiet.sid)).toBe(true);

    expect(await ask(stack, number, 'START')).toMatch(/subscribed/);
    expect(await ask(stack, number, 'where is my technician')).toMatch(/can't find a visit/);
  });

  test('HELP answers with the help text', async () => {
    expect(await ask(stack, number, 'help')).toMatch(/STOP to unsubscribe/);
  });
});

describe('an unknown number', () => {
  test('is asked for the account phone, then for proof, then linked and answered', async () => {
    const stranger = '+15125550177';
    expect(await ask(stack, stranger, 'where is my technician?')).toMatch(/don't recognise this number/);
    expect(await ask(stack, stranger, "it's (512) 555-0101")).toMatch(/account number or the ZIP code/);
    expect(await ask(stack, stranger, '78751')).toMatch(/^Thanks, this number is now linked to your account\. Sam should arrive about/);
    expect((await stack.directory.getCustomer('C-1001'))?.phones).toContain(stranger);
  });

  test('gets the same question whether or not the number matched, and a wrong proof links nothing', async () => {
    const guesser = '+15125550178';
    const other = '+15125550179';
    await ask(stack, guesser, 'where is my technician?');
    await ask(stack, other, 'where is my technician?');
    const matched = await ask(stack, guesser, '512-555-0102');
    const unmatched = await ask(stack, other, '512-555-0999');
    expect(matched).toBe(unmatched);
    expect(matched).not.toMatch(/John|Carter|Airport/);

    expect(await ask(stack, guesser, '99999')).toMatch(/doesn't match/);
    expect(await ask(stack, guesser, '11111')).toMatch(/passing you to a member of our team/);
    expect((await stack.directory.getCustomer('C-1002'))?.phones).not.toContain(guesser);
    const thread = await stack.conversations.getThread({ channel: 'sms', phone: guesser });
    const conversation = await stack.conversations.getConversation(thread!.conversationId!);
    expect(conversation).toMatchObject({ status: 'waiting', handoff: { reason: 'unverified_number' } });
  });
});

describe('handoff to a person', () => {
  test('a text the engine is not sure about is passed to a person and the state is stored', async () => {
    const phone = '+15125550150';
    await stack.directory.putCustomer({ id: 'C-2002', name: 'Bill Payer', phones: [phone], language: 'en' });
    expect(await ask(stack, phone, 'my bill is wrong, you charged me twice')).toMatch(/passing you to a member of our team/);
    const thread = await stack.conversations.getThread({ channel: 'sms', phone });
    expect(await stack.conversations.getConversation(thread!.conversationId!)).toMatchObject({
      status: 'waiting',
      handoff: { reason: 'low_confidence' },
    });
    const waiting = await sendText(stack, phone, 'hello?');
    expect(waiting.replies).toEqual([]);
  });
});
