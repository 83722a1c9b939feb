import type { Conversation } from '../domain/conversation.js';
import type { ConversationRepository } from '../ports.js';
import { addDays, zonedInstant } from '../time/business-time.js';
import { computeReport, type Report, type ReportRange } from './compute-report.js';

/** Where the report reads conversations from (a Scan of the conversation items on DynamoDB). */
export interface ReportSource extends Pick<ConversationRepository, 'listMessages'> {
  /** Conversations created before `until` and changed at or after `since` (ISO-8601 instants). */
  listConversationsActiveBetween(since: string, until: string): Promise<Conversation[]>;
}

/** Transcripts read at once: enough to be quick, few enough not to throttle a table. */
const PARALLEL_READS = 8;

/**
 * The report for a range of business days: every conversation active in it (one Scan),
 * then each one's transcript (one Query each, never a read per message).
 */
export async function buildReport(source: ReportSource, range: ReportRange): Promise<Report> {
  const since = zonedInstant(range.from, '00:00', range.timeZone).toISOString();
  const until = zonedInstant(addDays(range.to, 1), '00:00', range.timeZone).toISOString();
  const conversations = await source.listConversationsActiveBetween(since, until);
  const transcripts: Awaited<ReturnType<ReportSource['listMessages']>>[] = [];
  for (let i = 0; i < conversations.length; i += PARALLEL_READS) {
    const batch = conversations.slice(i, i + PARALLEL_READS);
    transcripts.push(...(await Promise.all(batch.map((conversation) => source.listMessages(conversation.id)))));
  }
  return computeReport(conversations, transcripts.flat(), range);
}
