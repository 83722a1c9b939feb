import type { Conversation, HandoffReason, TranscriptMessage } from '../domain/conversation.js';
import { addDays, businessDate, daysBetween } from '../time/business-time.js';

/** Calendar days in the business timezone, both ends included. */
export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
}

export interface DayFigures {
  date: string;
  conversations: number;
  contained: number;
  handedOff: number;
  messagesIn: number;
  optOuts: number;
  deliveryFailures: number;
}

/** The operations report (docs/operations.md defines every figure). */
export interface Report {
  range: ReportRange;
  conversations: { total: number; contained: number; handedOff: number; containmentRate: number | null; handoffRate: number | null };
  messages: { inbound: number; outbound: number };
  /** Customer texts by what the bot read: an intent id, a compliance keyword, `csat`, or NOT_UNDERSTOOD. */
  intents: Array<{ intent: string; count: number }>;
  escalationReasons: Array<{ reason: HandoffReason; count: number }>;
  firstAgentReply: { answered: number; unanswered: number; medianMinutes: number | null; p90Minutes: number | null };
  csat: { count: number; mean: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  optOuts: number;
  delivery: { tracked: number; failed: number; failureRate: number | null };
  days: DayFigures[];
}

/** The intents bucket for a text below the engine's confidence threshold. */
export const NOT_UNDERSTOOD = 'not_understood';

/**
 * The report's figures, from the conversations and their transcripts (pure: the caller
 * loads them). Conversation figures count the conversations *started* in the range;
 * message figures (intents, opt-outs, delivery failures) count the messages *sent or
 * received* in the range, whichever conversation they belong to.
 */
export function computeReport(conversations: Conversation[], messages: TranscriptMessage[], range: ReportRange): Report {
  const inRange = (at: string) => {
    const date = businessDate(new Date(at), range.timeZone);
    return date >= range.from && date <= range.to ? date : undefined;
  };
  const days = new Map<string, DayFigures>();
  for (let i = 0; i <= daysBetween(range.from, range.to); i++) {
    const date = addDays(range.from, i);
    days.set(date, { date, conversations: 0, contained: 0, handedOff: 0, messagesIn: 0, optOuts: 0, deliveryFailures: 0 });
  }

  const transcripts = groupBy(messages, (message) => message.conversationId);
  const started = conversations.filter(
    (conversation) => inRange(conversation.createdAt) && !isRatingOnly(conversation, transcripts.get(conversation.id) ?? []),
  );
  const reasons = new Map<HandoffReason, number>();
  for (const conversation of started) {
    const day = days.get(inRange(conversation.createdAt)!)!;
    day.conversations++;
    if (conversation.handoff) {
      day.handedOff++;
      reasons.set(conversation.handoff.reason, (reasons.get(conversation.handoff.reason) ?? 0) + 1);
    } else {
      day.contained++;
    }
  }

  const intents = new Map<string, number>();
  const messageTotals = { inbound: 0, outbound: 0, optOuts: 0, tracked: 0, failed: 0 };
  for (const message of messages) {
    const date = inRange(message.at);
    if (!date) continue;
    const day = days.get(date)!;
    if (message.direction === 'inbound') {
      messageTotals.inbound++;
      day.messagesIn++;
      // Texts kept for an agent or from an opted-out number were not read by the bot: no intent.
      if (message.intent !== undefined) {
        const intent = message.intent ?? NOT_UNDERSTOOD;
        intents.set(intent, (intents.get(intent) ?? 0) + 1);
      }
      if (message.intent === 'opt_out') {
        messageTotals.optOuts++;
        day.optOuts++;
      }
      continue;
    }
    messageTotals.outbound++;
    // Only messages sent through the REST API (agent replies, notices) have a delivery status.
    if (message.status === undefined) continue;
    messageTotals.tracked++;
    if (message.status === 'failed' || message.status === 'undelivered') {
      messageTotals.failed++;
      day.deliveryFailures++;
    }
  }

  const handedOff = started.filter((conversation) => conversation.handoff);
  const waits = handedOff
    .map((conversation) => minutesToFirstAgentReply(conversation, transcripts.get(conversation.id) ?? []))
    .filter((minutes): minutes is number => minutes !== undefined)
    .sort((a, b) => a - b);

  const scores = started.map((conversation) => conversation.csat).filter((score): score is number => score !== undefined);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const score of scores) distribution[String(score) as keyof typeof distribution]++;

  const total = started.length;
  return {
    range,
    conversations: {
      total,
      contained: total - handedOff.length,
      handedOff: handedOff.length,
      containmentRate: ratio(total - handedOff.length, total),
      handoffRate: ratio(handedOff.length, total),
    },
    messages: { inbound: messageTotals.inbound, outbound: messageTotals.outbound },
    intents: sortedCounts(intents).map(([intent, count]) => ({ intent, count })),
    escalationReasons: sortedCounts(reasons).map(([reason, count]) => ({ reason, count })),
    firstAgentReply: {
      answered: waits.length,
      unanswered: handedOff.length - waits.length,
      medianMinutes: percentile(waits, 50),
      p90Minutes: percentile(waits, 90),
    },
    csat: { count: scores.length, mean: scores.length > 0 ? round(scores.reduce((a, b) => a + b, 0) / scores.length, 2) : null, distribution },
    optOuts: messageTotals.optOuts,
    delivery: { tracked: messageTotals.tracked, failed: messageTotals.failed, failureRate: ratio(messageTotals.failed, messageTotals.tracked) },
    days: [...days.values()],
  };
}

/**
 * The 1–5 answer to a closed chat's satisfaction question arrives after the chat closed,
 * so it opens a conversation of its own: that one is the end of the earlier chat, not a
 * new conversation, and counting it would inflate the containment rate.
 */
function isRatingOnly(conversation: Conversation, transcript: TranscriptMessage[]): boolean {
  const texts = transcript.filter((message) => message.author === 'customer');
  return !conversation.handoff && texts.length > 0 && texts.every((message) => message.intent === 'csat');
}

/** From the handoff to the first agent message after it; undefined when no agent answered. */
function minutesToFirstAgentReply(conversation: Conversation, transcript: TranscriptMessage[]): number | undefined {
  const since = conversation.handoff!.at;
  const first = transcript
    .filter((message) => message.author === 'agent' && message.at >= since)
    .reduce<string | undefined>((earliest, message) => (earliest === undefined || message.at < earliest ? message.at : earliest), undefined);
  return first === undefined ? undefined : round((Date.parse(first) - Date.parse(since)) / 60_000, 1);
}

/** Linear interpolation between closest ranks (numpy's default, Excel's PERCENTILE.INC). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return round(sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low), 1);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function sortedCounts<K extends string>(counts: Map<K, number>): Array<[K, number]> {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
