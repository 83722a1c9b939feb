import type { DeliveryStatus, TranscriptMessage } from '../domain/conversation.js';
import { SendFailedError } from '../errors/send-failed.error.js';
import type { ConversationRepository, MessageSender, OutboundJob, OutboundQueue } from '../ports.js';
import { addressKey } from '../phone/phone-number.js';

export interface DeliveryDeps {
  conversations: ConversationRepository;
  sender: MessageSender;
  outbound: OutboundQueue;
  /** Attempts before a transient failure is given up (the queue's dead-letter takes it then). */
  maxAttempts: number;
}

/** Delivery statuses only move forward: a late "sent" after "delivered" changes nothing. */
const RANK: Record<DeliveryStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

export function movesForward(from: DeliveryStatus | undefined, to: DeliveryStatus): boolean {
  return RANK[to] > RANK[from ?? 'queued'];
}

/**
 * Sends one queued message through the provider and records the outcome on its transcript
 * entry. Sends only the transcript's text, only to the number its conversation is with (a
 * customer on file, or a number that texted first): a job saying otherwise is dropped, the
 * entry untouched. Refuses numbers that opted out since it was queued; a transient failure
 * is re-queued with backoff, a permanent one is kept as `failed` with the reason.
 */
export async function deliverOutbound(deps: DeliveryDeps, job: OutboundJob): Promise<DeliveryStatus> {
  const message = await deps.conversations.getMessage(job);
  if (!message) return 'failed';
  if (message.twilioSid || (message.status && message.status !== 'queued')) return message.status ?? 'sent';
  const conversation = await deps.conversations.getConversation(message.conversationId);
  if (!conversation || addressKey(conversation.address) !== addressKey(job.to) || message.body !== job.body) return 'failed';
  const thread = await deps.conversations.getThread(job.to);
  if (thread?.optedOut) return record(deps, message, { status: 'failed', error: 'The customer opted out (STOP)' });
  try {
    const result = await deps.sender.send({ to: job.to, body: job.body });
    await deps.conversations.linkTwilioSid(message, result.providerSid);
    return record(deps, message, { status: result.status, twilioSid: result.providerSid, attempts: job.attempt });
  } catch (error) {
    if (!(error instanceof SendFailedError)) throw error;
    if (error.code === '21610') await deps.conversations.setOptOut(job.to, true, new Date());
    if (error.transient && job.attempt < deps.maxAttempts) {
      await deps.outbound.enqueue({ ...job, attempt: job.attempt + 1 }, Math.min(900, 2 ** job.attempt * 5));
      return 'queued';
    }
    return record(deps, message, { status: 'failed', error: `${error.code}: ${error.message}` });
  }
}

async function record(
  deps: DeliveryDeps,
  message: TranscriptMessage,
  change: Pick<TranscriptMessage, 'status'> & Partial<Pick<TranscriptMessage, 'error' | 'twilioSid' | 'attempts'>>,
): Promise<DeliveryStatus> {
  await deps.conversations.updateMessage({ ...message, ...change });
  return change.status!;
}
