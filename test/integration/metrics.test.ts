import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANA_TOKEN, agentCall } from '../support/agent.js';
import { JOHN, NOW, PRIYA, fixture } from '../support/fixture.js';
import { ask, sendText, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
});
afterAll(async () => stack?.close());

const COUNTERS = ['MessagesIn', 'MessagesOut', 'Automated', 'Escalated', 'SendFailures'] as const;

/** How much each counter moved while `act` ran. */
async function countersMovedBy(act: () => Promise<void>): Promise<Record<(typeof COUNTERS)[number], number>> {
  const before = COUNTERS.map((name) => stack.metrics.total(name));
  await act();
  await stack.outbound.drain();
  await stack.twilio.settle();
  return Object.fromEntries(COUNTERS.map((name, i) => [name, stack.metrics.total(name) - before[i]!])) as Record<(typeof COUNTERS)[number], number>;
}

describe('product metrics, as the Lambda functions publish them', () => {
  test('a text the bot answers counts in, out and automated, with its intent and the reply latency', async () => {
    const latencies = stack.metrics.values('ReplyLatency').length;
    const intents = stack.metrics.total('IntentRecognised', { intent: 'technician_eta' });

    const moved = await countersMovedBy(async () => {
      await ask(stack, JOHN, "when's the installer showing up?");
    });

    expect(moved).toEqual({ MessagesIn: 1, MessagesOut: 1, Automated: 1, Escalated: 0, SendFailures: 0 });
    expect(stack.metrics.total('IntentRecognised', { intent: 'technician_eta' })).toBe(intents + 1);
    expect(stack.metrics.values('ReplyLatency')).toHaveLength(latencies + 1);
    expect(stack.metrics.values('ReplyLatency').at(-1)).toBeGreaterThan(0);
  });

  test('a Twilio retry of the same text is not counted again', async () => {
    const first = await sendText(stack, JOHN, 'where is my technician');

    const moved = await countersMovedBy(async () => {
      await sendText(stack, JOHN, 'where is my technician', { sid: first.sid });
    });

    expect(moved).toEqual({ MessagesIn: 0, MessagesOut: 0, Automated: 0, Escalated: 0, SendFailures: 0 });
  });

  test('a handoff counts escalated, not automated; an agent reply counts out when Twilio takes it, and a failure when the carrier drops it', async () => {
    const moved = await countersMovedBy(async () => {
      await ask(stack, PRIYA, 'can I talk to a person please');
    });
    expect(moved).toEqual({ MessagesIn: 1, MessagesOut: 1, Automated: 0, Escalated: 1, SendFailures: 0 });
    expect(stack.metrics.total('IntentRecognised', { intent: 'talk_to_agent' })).toBe(1);

    const chatId = (await stack.conversations.getThread({ channel: 'sms', phone: PRIYA }))!.conversationId!;
    await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chatId}/claim`);
    const replied = await countersMovedBy(async () => {
      await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chatId}/messages`, { body: 'Hi Priya, Ana here.' });
    });
    expect(replied).toMatchObject({ MessagesIn: 0, MessagesOut: 1, SendFailures: 0 });

    stack.twilio.failNext(PRIYA, '30006', 'callback');
    const dropped = await countersMovedBy(async () => {
      await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chatId}/messages`, { body: 'Are you still there?' });
    });
    expect(dropped).toMatchObject({ MessagesOut: 1, SendFailures: 1 });
  });
});
