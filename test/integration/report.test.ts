import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANA_TOKEN, agentCall } from '../support/agent.js';
import { JOHN, LUIS, NOW, PRIYA, fixture } from '../support/fixture.js';
import { ask, sendText, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
  // John's question is answered by the bot; Priya asks for a person, Ana answers after 3 minutes
  // and closes with the satisfaction question, Priya rates 5; Luis texts STOP.
  await ask(stack, JOHN, "when's the installer showing up?");
  await ask(stack, PRIYA, 'can I talk to a person please');
  const chatId = (await stack.conversations.getThread({ channel: 'sms', phone: PRIYA }))!.conversationId!;
  await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chatId}/claim`);
  stack.clock.advance(3 * 60_000);
  await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chatId}/messages`, { body: 'Hi Priya, Ana here. How can I help?' });
  await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chatId}/close`, { csat: true });
  await stack.outbound.drain();
  await stack.twilio.settle();
  await sendText(stack, PRIYA, '5');
  await ask(stack, LUIS, 'STOP');
});
afterAll(async () => stack?.close());

describe('GET /api/agent/report', () => {
  test('gives supervisors the report figures for a range of business days', async () => {
    const { status, body } = await agentCall(stack, ANA_TOKEN, 'GET', '/report?from=2026-11-21&to=2026-11-21');

    expect(status).toBe(200);
    expect(body.range).toEqual({ from: '2026-11-21', to: '2026-11-21', timeZone: 'America/Chicago' });
    expect(body.conversations).toEqual({ total: 3, contained: 2, handedOff: 1, containmentRate: 0.6667, handoffRate: 0.3333 });
    expect(body.escalationReasons).toEqual([{ reason: 'talk_to_agent', count: 1 }]);
    expect(body.firstAgentReply).toEqual({ answered: 1, unanswered: 0, medianMinutes: 3, p90Minutes: 3 });
    expect(body.csat).toMatchObject({ count: 1, mean: 5 });
    expect(body.optOuts).toBe(1);
    expect(body.intents).toEqual(
      expect.arrayContaining([
        { intent: 'technician_eta', count: 1 },
        { intent: 'talk_to_agent', count: 1 },
        { intent: 'opt_out', count: 1 },
        { intent: 'csat', count: 1 },
      ]),
    );
    expect(body.days).toEqual([expect.objectContaining({ date: '2026-11-21', conversations: 3, optOuts: 1 })]);
  });

  test('a day with no traffic has zero conversations and no rates', async () => {
    const { body } = await agentCall(stack, ANA_TOKEN, 'GET', '/report?from=2026-11-20&to=2026-11-20');
    expect(body.conversations).toMatchObject({ total: 0, containmentRate: null });
  });

  test.each([
    ['/report', /from is required/],
    ['/report?from=2026-11-30&to=2026-11-01', /from must not be after to/],
    ['/report?from=2026-11-01&to=tomorrow', /to must be a date/],
    ['/report?from=2025-01-01&to=2026-11-30', /at most 366 days/],
  ])('%s is a 400 with the reason', async (path, reason) => {
    const { status, body } = await agentCall(stack, ANA_TOKEN, 'GET', path);
    expect(status).toBe(400);
    expect(body.error).toMatch(reason);
  });

  test('needs an agent token', async () => {
    const { status } = await agentCall(stack, null, 'GET', '/report?from=2026-11-21&to=2026-11-21');
    expect(status).toBe(401);
  });
});
