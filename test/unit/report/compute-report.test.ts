import { describe, expect, test } from 'vitest';
import type { Conversation, HandoffReason, TranscriptMessage } from '../../../lambdas/core/domain/conversation.js';
import { computeReport, percentile } from '../../../lambdas/core/report/compute-report.js';

/**
 * A seeded set with known answers: three days in Austin (America/Chicago, UTC-6 after the
 * 1 November DST change). Each conversation's story is in its comment.
 */
function conversation(id: string, createdAt: string, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    address: { channel: 'sms', phone: '+15125550100' },
    language: 'en',
    status: extra.handoff ? 'closed' : 'bot',
    dialogue: { kind: 'idle' },
    lastIntents: [],
    createdAt,
    updatedAt: createdAt,
    version: 1,
    ...extra,
  };
}
const handoff = (reason: HandoffReason, at: string) => ({ handoff: { reason, at, priority: 'normal' as const } });

let n = 0;
function text(conversationId: string, at: string, intent: string | null | undefined): TranscriptMessage {
  return { conversationId, sid: `SM${n++}`, direction: 'inbound', author: 'customer', body: '…', at, ...(intent === undefined ? {} : { intent }) };
}
function bot(conversationId: string, at: string): TranscriptMessage {
  return { conversationId, sid: `SM${n++}-reply`, direction: 'outbound', author: 'bot', body: '…', at };
}
function agent(conversationId: string, at: string, status: TranscriptMessage['status']): TranscriptMessage {
  return { conversationId, sid: `AG${n++}`, direction: 'outbound', author: 'agent', agent: 'ana', body: '…', at, status };
}

const conversations: Conversation[] = [
  // c1, 1 Nov: "where's my tech?" answered by the bot.
  conversation('c1', '2026-11-01T15:00:00Z'),
  // c2, 1 Nov: asks for a person, Ana answers after 4 min, rated 5.
  conversation('c2', '2026-11-01T16:00:00Z', { ...handoff('talk_to_agent', '2026-11-01T16:00:00Z'), csat: 5 }),
  // c3, 2 Nov: not understood, Ana answers after 10 min but the carrier fails it, rated 3.
  conversation('c3', '2026-11-02T15:00:00Z', { ...handoff('low_confidence', '2026-11-02T15:01:00Z'), csat: 3 }),
  // c4, 2 Nov: not understood, nobody has answered yet.
  conversation('c4', '2026-11-02T18:00:00Z', { ...handoff('low_confidence', '2026-11-02T18:00:00Z'), status: 'waiting' }),
  // c5, 3 Nov: STOP.
  conversation('c5', '2026-11-03T14:00:00Z'),
  // c6, 3 Nov: an emergency, answered after 2 min; a later reply is undelivered; rated 4.
  conversation('c6', '2026-11-03T20:00:00Z', { ...handoff('emergency', '2026-11-03T20:00:00Z'), csat: 4 }),
  // c7, 31 Oct (before the range): its text of 1 Nov still counts among the messages.
  conversation('c7', '2026-10-31T15:00:00Z'),
  // c8, 4 Nov 03:00 UTC = 3 Nov 9 pm in Austin: in the range; a text kept unread (opted out).
  conversation('c8', '2026-11-04T03:00:00Z'),
  // c9, 2 Nov: c3's rating came after c3 closed and opened a conversation of its own: not a conversation to count.
  conversation('c9', '2026-11-02T16:00:00Z'),
];

const messages: TranscriptMessage[] = [
  text('c1', '2026-11-01T15:00:00Z', 'technician_eta'),
  bot('c1', '2026-11-01T15:00:00.001Z'),
  text('c2', '2026-11-01T16:00:00Z', 'talk_to_agent'),
  bot('c2', '2026-11-01T16:00:00.001Z'),
  agent('c2', '2026-11-01T16:04:00Z', 'delivered'),
  text('c2', '2026-11-01T16:20:00Z', 'csat'),
  text('c3', '2026-11-02T15:01:00Z', null),
  bot('c3', '2026-11-02T15:01:00.001Z'),
  agent('c3', '2026-11-02T15:11:00Z', 'failed'),
  text('c4', '2026-11-02T18:00:00Z', null),
  bot('c4', '2026-11-02T18:00:00.001Z'),
  text('c5', '2026-11-03T14:00:00Z', 'opt_out'),
  bot('c5', '2026-11-03T14:00:00.001Z'),
  text('c6', '2026-11-03T20:00:00Z', null),
  bot('c6', '2026-11-03T20:00:00.001Z'),
  agent('c6', '2026-11-03T20:02:00Z', 'delivered'),
  agent('c6', '2026-11-03T20:30:00Z', 'undelivered'),
  text('c7', '2026-10-31T15:00:00Z', 'technician_eta'),
  bot('c7', '2026-10-31T15:00:00.001Z'),
  text('c7', '2026-11-01T17:00:00Z', 'technician_eta'),
  bot('c7', '2026-11-01T17:00:00.001Z'),
  text('c8', '2026-11-04T03:00:00Z', undefined),
  text('c9', '2026-11-02T16:00:00Z', 'csat'),
  bot('c9', '2026-11-02T16:00:00.001Z'),
];

const range = { from: '2026-11-01', to: '2026-11-03', timeZone: 'America/Chicago' };

describe('computeReport on a seeded month', () => {
  const report = computeReport(conversations, messages, range);

  test('containment and handoff rates split the conversations started in the range (a rating on its own is not one)', () => {
    expect(report.conversations).toEqual({ total: 7, contained: 3, handedOff: 4, containmentRate: 0.4286, handoffRate: 0.5714 });
    expect(report.conversations.contained + report.conversations.handedOff).toBe(report.conversations.total);
  });

  test('intents count the texts the bot read in the range', () => {
    expect(report.intents).toEqual([
      { intent: 'not_understood', count: 3 },
      { intent: 'csat', count: 2 },
      { intent: 'technician_eta', count: 2 },
      { intent: 'opt_out', count: 1 },
      { intent: 'talk_to_agent', count: 1 },
    ]);
    expect(report.messages).toEqual({ inbound: 10, outbound: 12 });
  });

  test('escalation reasons, and the time from handoff to the first agent reply', () => {
    expect(report.escalationReasons).toEqual([
      { reason: 'low_confidence', count: 2 },
      { reason: 'emergency', count: 1 },
      { reason: 'talk_to_agent', count: 1 },
    ]);
    // Waits of 2, 4 and 10 minutes; c4 is still unanswered.
    expect(report.firstAgentReply).toEqual({ answered: 3, unanswered: 1, medianMinutes: 4, p90Minutes: 8.8 });
  });

  test('CSAT, opt-outs and delivery failures', () => {
    expect(report.csat).toEqual({ count: 3, mean: 4, distribution: { '1': 0, '2': 0, '3': 1, '4': 1, '5': 1 } });
    expect(report.optOuts).toBe(1);
    expect(report.delivery).toEqual({ tracked: 4, failed: 2, failureRate: 0.5 });
  });

  test('per day, in the business timezone', () => {
    expect(report.days).toEqual([
      { date: '2026-11-01', conversations: 2, contained: 1, handedOff: 1, messagesIn: 4, optOuts: 0, deliveryFailures: 0 },
      { date: '2026-11-02', conversations: 2, contained: 0, handedOff: 2, messagesIn: 3, optOuts: 0, deliveryFailures: 1 },
      { date: '2026-11-03', conversations: 3, contained: 2, handedOff: 1, messagesIn: 3, optOuts: 1, deliveryFailures: 1 },
    ]);
  });

  test('an empty range has no rates rather than 0% or NaN', () => {
    const empty = computeReport([], [], { ...range, from: '2026-12-01', to: '2026-12-01' });
    expect(empty.conversations).toEqual({ total: 0, contained: 0, handedOff: 0, containmentRate: null, handoffRate: null });
    expect(empty.firstAgentReply).toEqual({ answered: 0, unanswered: 0, medianMinutes: null, p90Minutes: null });
    expect(empty.csat.mean).toBeNull();
    expect(empty.days).toHaveLength(1);
  });
});

describe('percentile', () => {
  test.each([
    [[5], 50, 5],
    [[2, 4], 50, 3],
    [[2, 4, 10], 50, 4],
    [[2, 4, 10], 90, 8.8],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    [[], 50, null],
  ])('%j p%i = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
