import type { DeliveryStatus } from '../domain/conversation.js';
import { movesForward, type DeliveryDeps } from './deliver-outbound.js';

export interface StatusUpdate {
  twilioSid: string;
  status: DeliveryStatus;
  errorCode?: string;
  errorMessage?: string;
}

/** Carrier errors worth another try later (unreachable, queue overflow, unknown). */
const TRANSIENT_ERRORS = new Set(['30001', '30003', '30005', '30008']);
/** Twilio: the number has opted out (STOP): never text it again until START. */
const OPTED_OUT_ERROR = '21610';

/**
 * A Twilio status callback as a forward-only state machine: a late or repeated status changes
 * nothing. A failure is recorded with its reason; 21610 marks the number opted out;
 * transient carrier errors are re-sent a bounded number of times; 30006 (landline) never.
 */
export async function recordDeliveryStatus(
  deps: Pick<DeliveryDeps, 'conversations' | 'outbound' | 'maxAttempts'>,
  update: StatusUpdate,
): Promise<'updated' | 'ignored' | 'retried' | 'unknown'> {
  const message = await deps.conversations.findMessageByTwilioSid(update.twilioSid);
  if (!message) return 'unknown';
  if (message.twilioSid !== update.twilioSid || !movesForward(message.status, update.status)) return 'ignored';
  const failed = update.status === 'failed' || update.status === 'undelivered';
  const error = failed ? `${update.errorCode ?? 'unknown'}: ${update.errorMessage ?? 'not delivered'}` : undefined;
  const conversation = failed ? await deps.conversations.getConversation(message.conversationId) : undefined;
  if (failed && update.errorCode === OPTED_OUT_ERROR && conversation) {
    await deps.conversations.setOptOut(conversation.address, true, new Date());
  }
  const attempts = message.attempts ?? 1;
  if (failed && conversation && update.errorCode && TRANSIENT_ERRORS.has(update.errorCode) && attempts < deps.maxAttempts) {
    await deps.conversations.updateMessage({ ...message, status: 'queued', twilioSid: undefined, error, attempts: attempts + 1 });
    await deps.outbound.enqueue(
      { conversationId: message.conversationId, sid: message.sid, at: message.at, to: conversation.address, body: message.body, attempt: attempts + 1 },
      Math.min(900, 2 ** attempts * 30),
    );
    return 'retried';
  }
  await deps.conversations.updateMessage({ ...message, status: update.status, error });
  return 'updated';
}
