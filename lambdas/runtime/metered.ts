import type { ConversationDeps } from '../core/conversation/conversation-deps.js';
import { NO_INTENT, type MetricsRecorder } from '../core/metrics.js';
import type { ConversationRepository, EventPublisher } from '../core/ports.js';

/**
 * Metrics are counted at the edges: the ports the use cases already call are observed on
 * their way through, so the core knows nothing of metrics. docs/operations.md lists them.
 */

/** What one inbound text did, seen through the ports its use case called. */
export interface InboundObservation {
  /** The MessageSid was claimed now (false for a Twilio retry of an answered text). */
  fresh: boolean;
  /** The chat was handed to the agents' queue (the escalation event went out). */
  escalated: boolean;
  /** The intent read from each customer text written to the transcript. */
  intents: string[];
}

/** The conversation deps for one inbound text, observed. Per invocation: the deps themselves are shared. */
export function watchInbound(deps: ConversationDeps): { deps: ConversationDeps; seen: InboundObservation } {
  const seen: InboundObservation = { fresh: false, escalated: false, intents: [] };
  const conversations = override(deps.conversations, {
    claimInbound: async (...args) => {
      const claim = await deps.conversations.claimInbound(...args);
      seen.fresh ||= claim.kind === 'claimed';
      return claim;
    },
    appendMessages: async (messages, answered) => {
      await deps.conversations.appendMessages(messages, answered);
      for (const message of messages) {
        if (message.author === 'customer' && message.intent !== undefined) seen.intents.push(message.intent ?? NO_INTENT);
      }
    },
  });
  const events: EventPublisher = {
    publish: async (event) => {
      await deps.events.publish(event);
      seen.escalated = true;
    },
  };
  return { deps: { ...deps, conversations, events }, seen };
}

/** Counts one answered inbound text: in, out, automated or escalated, its intent, the reply latency. */
export function recordInbound(metrics: MetricsRecorder, seen: InboundObservation, reply: string | null, latencyMs: number): void {
  if (seen.escalated) metrics.count('Escalated');
  // A Twilio retry was counted when it first came in.
  if (!seen.fresh) return;
  metrics.count('MessagesIn');
  for (const intent of seen.intents) metrics.intentRecognised(intent);
  if (reply === null) return;
  metrics.count('MessagesOut');
  if (!seen.escalated) metrics.count('Automated');
  metrics.duration('ReplyLatency', latencyMs);
}

/**
 * A conversation repository that counts deliveries: a message handed to Twilio (its sid
 * linked) is MessagesOut; one recorded failed or undelivered (refused at send, reported
 * by a status callback, or refused because the number opted out since) is a SendFailure.
 * Statuses only move forward, so each message counts once.
 */
export function meteredDeliveries(conversations: ConversationRepository, metrics: MetricsRecorder): ConversationRepository {
  return override(conversations, {
    linkTwilioSid: async (message, twilioSid) => {
      await conversations.linkTwilioSid(message, twilioSid);
      metrics.count('MessagesOut');
    },
    updateMessage: async (message) => {
      await conversations.updateMessage(message);
      if (message.status === 'failed' || message.status === 'undelivered') metrics.count('SendFailures');
    },
  });
}

/** The same object with some methods replaced; the others still run on the original. */
function override<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
