import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logger } from '../../lambdas/runtime/logger.js';
import { ANA_TOKEN, agentCall } from '../support/agent.js';
import { NOW, fixture } from '../support/fixture.js';
import { ask, sendStatus, sendText, startTestStack, type TestStack } from '../support/stack.js';

/** A number and a body that appear nowhere else, so any trace of them in the logs is a leak. */
const CANARY_PHONE = '+15125550777';
const CANARY_ON_FILE = '+15125550778';
const CANARY_BODY = 'canary-7f3a-body';
/** Either number's ten national digits, with or without separators ("512-555-0777", "(512) 555 0777", "15125550777"). */
const LEAKED_NUMBER = [CANARY_PHONE, CANARY_ON_FILE].map((phone) => new RegExp(phone.slice(2).split('').join('[^0-9]{0,3}')));

let stack: TestStack;
const captured: string[] = [];
const writes = { stdout: process.stdout.write, stderr: process.stderr.write };

/** Everything written to stdout and stderr (the Powertools logger writes to process.stdout), kept and also passed on. */
function capture(stream: NodeJS.WriteStream, original: typeof process.stdout.write): typeof process.stdout.write {
  return function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
  } as typeof process.stdout.write;
}

beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
  await stack.directory.putCustomer({ id: 'C-CANARY', name: 'Canary Bird', phones: [CANARY_ON_FILE], accountNumber: '777001', language: 'en' });
  await stack.directory.putAppointment({ ...fixture.appointments[3]!, id: 'A-CANARY', customerId: 'C-CANARY', sequence: 7 } as never);
  logger.setLogLevel('DEBUG');
  process.stdout.write = capture(process.stdout, writes.stdout);
  process.stderr.write = capture(process.stderr, writes.stderr);
});
afterAll(async () => {
  process.stdout.write = writes.stdout;
  process.stderr.write = writes.stderr;
  logger.setLogLevel((process.env.LOG_LEVEL as 'ERROR' | undefined) ?? 'INFO');
  await stack?.close();
});

async function settle() {
  for (let i = 0; i < 3; i++) {
    await stack.outbound.drain();
    await stack.twilio.settle();
  }
}

describe('no phone number or message body in the logs (LOG_LEVEL=DEBUG)', () => {
  test('across verification, ETA, handoff, agent reply, a failed send, status callbacks, refusals and STOP', async () => {
    // An unknown number proves who it is, then gets its ETA.
    expect(await ask(stack, CANARY_PHONE, `where is my technician ${CANARY_BODY}`)).toMatch(/phone number/i);
    expect(await ask(stack, CANARY_PHONE, `it's ${CANARY_ON_FILE.slice(2)} ${CANARY_BODY}`)).toMatch(/account number|ZIP/i);
    expect(await ask(stack, CANARY_PHONE, '777001')).toMatch(/Sam/);

    // A handoff, an agent reply that is delivered, one that Twilio refuses, and status callbacks.
    expect(await ask(stack, CANARY_PHONE, `I want to talk to a person about ${CANARY_BODY}`)).toMatch(/member of our team/);
    const id = (await stack.conversations.getThread({ channel: 'sms', phone: CANARY_PHONE }))!.conversationId!;
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/claim`);
    expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: `Hi ${CANARY_BODY}` })).status).toBe(201);
    await settle();
    stack.twilio.failNext(CANARY_PHONE, '21211', 'api');
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: `Again ${CANARY_BODY}` });
    await settle();
    const sent = (await stack.conversations.listMessages(id)).find((m) => m.twilioSid);
    expect(await sendStatus(stack, { MessageSid: sent!.twilioSid!, MessageStatus: 'sent' })).toBe(204);

    // Refusals log their reason: a forged signature, a bad From, an over-long body.
    expect((await sendText(stack, CANARY_PHONE, CANARY_BODY, { signature: 'forged' })).status).toBe(403);
    expect((await sendText(stack, CANARY_PHONE, CANARY_BODY, { extra: { From: `${CANARY_PHONE}99999` } })).status).toBe(400);
    expect((await sendText(stack, CANARY_PHONE, `${CANARY_BODY}${'x'.repeat(1600)}`)).status).toBe(400);
    expect((await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${id}/messages`, { body: CANARY_BODY.repeat(200) })).status).toBe(400);

    // STOP, then a text that is kept but not answered.
    await ask(stack, CANARY_PHONE, 'STOP');
    await sendText(stack, CANARY_PHONE, CANARY_BODY);

    const lines = captured.join('').split('\n').filter(Boolean);
    // The capture works: the webhook's own log line is there, with the number masked to its last 4 digits.
    expect(lines.some((line) => line.includes('inbound answered') && line.includes('…0777'))).toBe(true);
    const leaks = lines.filter((line) => line.includes(CANARY_BODY) || LEAKED_NUMBER.some((pattern) => pattern.test(line)));
    expect(leaks).toEqual([]);
  });
});
