import type { Address, Conversation, HandoffReason, IntentGuess, TranscriptMessage } from '../domain/conversation.js';
import type { Customer } from '../domain/directory.js';
import type { Language } from '../domain/language.js';
import { StaleWriteError } from '../errors/stale-write.error.js';
import type { Classification } from '../nlu/classification.js';
import { toSmsBody } from '../text/sms-encoding.js';
import type { ConversationDeps } from './conversation-deps.js';
import { isEmergency } from '../handoff/emergency.js';
import { handoffReply, publishEscalation } from '../handoff/escalate.js';
import { requestHandoff } from '../handoff/request-handoff.js';
import type { FulfilmentContext, FulfilmentResult } from './fulfilment.js';
import { openConversationFor } from './open-conversation.js';
import { replies } from './replies.js';
import { continueVerification, startVerification } from './verify-number.js';
import { readingCustomersOnce } from './customer-reads.js';

export interface InboundMessage {
  /** Twilio MessageSid: the idempotency key. */
  sid: string;
  from: Address;
  body: string;
}

export interface InboundResult {
  /** The text to answer with, or null to answer nothing. */
  reply: string | null;
}

/**
 * How long a claimed message may stay unanswered before another delivery takes it over
 * (the first invocation crashed). Shorter than a duplicate's wait, so a duplicate that finds
 * the claim abandoned processes the text itself rather than answer empty and lose it.
 */
export const INBOUND_LEASE_MS = 3_000;
/** How long a duplicate delivery waits for the first one's answer (inside the webhook's 4.5 s budget). */
const DUPLICATE_WAIT_MS = 4_000;
/** Texts from one number at once each win a round; twenty at once must all get through. */
const MAX_ATTEMPTS = 30;
const RECENT_INTENTS = 5;
/** Asking the same thing three times within this window is not progress (across a day it may be). */
const REPEAT_WINDOW_MS = 15 * 60_000;
/** A satisfaction answer counts within a day of the question. */
const CSAT_WINDOW_MS = 24 * 3600_000;

/**
 * One inbound text, from claim to answer. Safe to call again with the same sid
 * (Twilio retries): the second call returns the first call's reply and does nothing else.
 */
export async function handleInboundMessage(deps: ConversationDeps, message: InboundMessage): Promise<InboundResult> {
  const claim = await claimOrWait(deps, message.sid);
  if (claim.kind === 'answered') return { reply: claim.reply };

  try {
    // Every path records the answer with the transcript (answer/keep), in one write.
    const reply = await withFreshConversation(deps, message, claim.receivedAt);
    return { reply };
  } catch (error) {
    // Nothing answered: let the next delivery process the text now, not after the lease.
    await deps.conversations.releaseInbound(message.sid).catch(() => undefined);
    throw error;
  }
}

/** A duplicate delivery found its text still being processed past the wait: let Twilio retry. */
export class StillProcessingError extends Error {
  override readonly name = 'StillProcessingError';
  constructor(sid: string) {
    super(`message ${sid} is still being processed`);
  }
}

async function claimOrWait(
  deps: ConversationDeps,
  sid: string,
): Promise<{ kind: 'claimed'; receivedAt: string } | { kind: 'answered'; reply: string | null }> {
  const started = Date.now();
  for (;;) {
    const claim = await deps.conversations.claimInbound(sid, deps.clock.now(), INBOUND_LEASE_MS);
    if (claim.kind !== 'in_progress') return claim;
    // Another delivery of the same text is being answered: wait and give Twilio the same reply.
    // Past the lease the claim is taken over above; past the wait, a retry (not an empty 200) is safer.
    if (Date.now() - started > DUPLICATE_WAIT_MS) throw new StillProcessingError(sid);
    await deps.sleep(100);
  }
}

/** Decides on the latest conversation state; a concurrent writer makes it decide again. */
async function withFreshConversation(
  deps: ConversationDeps,
  message: InboundMessage,
  receivedAt: string,
): Promise<string | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await decide(deps, message, receivedAt);
    } catch (error) {
      if (!(error instanceof StaleWriteError) || attempt >= MAX_ATTEMPTS) throw error;
      // Jittered backoff so concurrent writers on one conversation spread out.
      await deps.sleep(Math.random() * Math.min(200, 10 * 2 ** Math.min(attempt, 5)));
    }
  }
}

async function decide(base: ConversationDeps, message: InboundMessage, receivedAt: string): Promise<string | null> {
  // Two round trips: the thread with the number's customer link, then the open conversation
  // with that customer. However many steps ask for the customer later, it is not read again.
  const { thread, customerId: linked } = await base.inboundReads.threadAndLink(message.from);
  const current = thread?.conversationId ? await base.inboundReads.conversationAndCustomer(thread.conversationId, linked) : {};
  const deps: ConversationDeps = {
    ...base,
    directory: readingCustomersOnce(base.directory, { link: { phone: message.from.phone, customerId: linked }, customer: current.customer }),
  };
  const { conversations, settings } = deps;
  const now = deps.clock.now();
  const text = message.body.trim();
  const customerOfNumber = () =>
    deps.directory.findCustomerIdByPhone(message.from.phone).then((id) => (id ? deps.directory.getCustomer(id) : undefined));
  let conversation = await openConversationFor(
    deps,
    message.from,
    { id: thread?.conversationId, conversation: current.conversation },
    customerOfNumber,
    now,
  );
  const inbound: TranscriptMessage = {
    conversationId: conversation.id,
    sid: message.sid,
    direction: 'inbound',
    author: 'customer',
    body: message.body,
    // The first delivery's time: a retry after a crash writes the same transcript entry.
    at: receivedAt,
  };

  const keyword = deps.detectComplianceKeyword(text);
  if (keyword) {
    const noted: TranscriptMessage = { ...inbound, intent: keyword, confidence: 1 };
    const optedOut = thread?.optedOut ?? false;
    if (keyword === 'opt_out') {
      if (optedOut) return keep(deps, noted, conversation);
      await conversations.setOptOut(message.from, true, now);
      return answer(deps, conversation, replies.optedOut[conversation.language](settings.companyName), noted);
    }
    if (keyword === 'opt_in') {
      await conversations.setOptOut(message.from, false, now);
      return answer(deps, conversation, replies.optedIn[conversation.language](settings.companyName), noted);
    }
    return answer(deps, conversation, settings.helpText ?? replies.help[conversation.language](settings.companyName), noted);
  }

  if (thread?.csatFor) {
    const rated = await recordSatisfaction(deps, message.from, thread.csatFor, text, now);
    if (rated) return answer(deps, conversation, replies.csatThanks[conversation.language], { ...inbound, intent: 'csat' });
  }

  if (thread?.optedOut) return keep(deps, inbound, conversation);
  // With a person: the text goes to the agent, the bot stays quiet.
  if (conversation.status === 'waiting' || conversation.status === 'assigned') {
    const saved = await conversations.saveConversation({ ...conversation, lastInboundAt: receivedAt, updatedAt: now.toISOString() });
    // An escalation whose announcement was cut short (a crash) is announced on the next text.
    if (saved.status === 'waiting') await announce(deps, saved);
    return keep(deps, inbound);
  }

  conversation = { ...conversation, inboundBurst: countBurst(conversation, now) };
  if (conversation.inboundBurst!.count > settings.loopGuardPerMinute) {
    // Another bot or an auto-responder: stop answering (well below Twilio's 30-in-30-s loop
    // limit) and put a person on it, without a reply that would feed the loop.
    const flagged = requestHandoff({ ...conversation, lastInboundAt: receivedAt }, 'loop_guard', now);
    await announce(deps, await conversations.saveConversation({ ...flagged, updatedAt: now.toISOString() }));
    return keep(deps, inbound);
  }

  const customer = await (conversation.customerId ? deps.directory.getCustomer(conversation.customerId) : customerOfNumber());
  // A short reply ("2", "yes") is in the language of the conversation so far, else the customer's.
  const spoken = conversation.lastIntents.length > 0 ? conversation.language : (customer?.language ?? conversation.language);
  const classification = deps.classifier.classify(text, { language: spoken });
  const understood: TranscriptMessage = { ...inbound, intent: classification.intent, confidence: classification.confidence };
  const previous = conversation.lastIntents;
  conversation = { ...noteIntent(conversation, classification, customer, now), lastInboundAt: receivedAt };

  if (isEmergency(text)) return handoff(deps, conversation, 'emergency', understood);
  if (customer) {
    const resumed = await resumeFollowup(deps, conversation, customer, classification, understood, text);
    if (resumed !== undefined) return resumed;
  }
  if (isRepeatedWithoutProgress(previous, classification.intent, now)) return handoff(deps, conversation, 'repeated', understood);

  if (!customer) {
    const step =
      conversation.dialogue.kind === 'idle' || isExpired(conversation, now, settings.dialogueExpiryMinutes)
        ? await startVerification(deps, conversation, text, classification)
        : await continueVerification(deps, conversation, text, message.from);
    if (step.kind === 'ask') return answer(deps, step.conversation, step.text, understood);
    if (step.kind === 'handoff') return handoff(deps, step.conversation, step.reason, understood);
    // Verified: answer the question they first asked, now that we know who they are.
    const verified = step.conversation;
    const pending = deps.classifier.classify(step.pendingText, { language: step.customer.language });
    return fulfil(deps, verified, step.customer, pending, understood, replies.linked[pending.language]);
  }

  return fulfil(deps, { ...conversation, dialogue: { kind: 'idle' } }, customer, classification, understood);
}

/**
 * The same automatable request for the third time in a row within a few minutes: the
 * answers are not helping, so a person takes over.
 */
const BURST_WINDOW_MS = 60_000;

function countBurst(conversation: Conversation, now: Date): { since: string; count: number } {
  const burst = conversation.inboundBurst;
  if (burst && now.getTime() - Date.parse(burst.since) < BURST_WINDOW_MS) return { since: burst.since, count: burst.count + 1 };
  return { since: now.toISOString(), count: 1 };
}

function isRepeatedWithoutProgress(previous: IntentGuess[], intent: string | null, now: Date): boolean {
  if (!intent || intent === 'talk_to_agent') return false;
  const lastTwo = previous.slice(-2);
  return (
    lastTwo.length === 2 &&
    lastTwo.every((guess) => guess.intent === intent) &&
    now.getTime() - Date.parse(lastTwo[0]!.at) < REPEAT_WINDOW_MS
  );
}

/** A 1–5 reply to the satisfaction question is recorded on the closed chat it rates. */
async function recordSatisfaction(
  deps: ConversationDeps,
  address: Address,
  request: { conversationId: string; askedAt: string },
  text: string,
  now: Date,
): Promise<boolean> {
  await deps.conversations.setCsatRequest(address, null);
  const score = text.match(/^\s*([1-5])\s*[.!]?\s*$/)?.[1];
  const fresh = now.getTime() - Date.parse(request.askedAt) < CSAT_WINDOW_MS;
  if (!score || !fresh) return false;
  const rated = await deps.conversations.getConversation(request.conversationId);
  if (!rated) return false;
  await deps.conversations.saveConversation({ ...rated, csat: Number(score), updatedAt: now.toISOString() });
  return true;
}

async function fulfil(
  deps: ConversationDeps,
  conversation: Conversation,
  customer: Customer,
  classification: Classification,
  inbound: TranscriptMessage,
  preface?: string,
): Promise<string | null> {
  const definition = classification.intent ? deps.intents.get(classification.intent) : undefined;
  if (!definition) return handoff(deps, conversation, 'low_confidence', inbound, preface);
  const result = await definition.fulfil(fulfilmentContext(deps, conversation, customer, classification.language));
  return respond(deps, definition.id, conversation, result, inbound, preface);
}

/** An intent's answer: a reply (maybe with a question it owns the answer to) or a handoff. */
async function respond(
  deps: ConversationDeps,
  intent: string,
  conversation: Conversation,
  result: FulfilmentResult,
  inbound: TranscriptMessage,
  preface?: string,
): Promise<string> {
  if (result.kind === 'handoff') {
    const text = [preface, result.text].filter(Boolean).join(' ') || undefined;
    return handoff(deps, conversation, result.reason, inbound, text);
  }
  const dialogue: Conversation['dialogue'] = result.followup
    ? { kind: 'followup', intent, askedAt: deps.clock.now().toISOString(), state: result.followup }
    : { kind: 'idle' };
  return answer(deps, { ...conversation, dialogue }, preface ? `${preface} ${result.text}` : result.text, inbound);
}

/**
 * A text while an intent waits for an answer to its question goes to that intent first;
 * if it is not an answer (a new topic), the bot reads it afresh.
 */
async function resumeFollowup(
  deps: ConversationDeps,
  conversation: Conversation,
  customer: Customer,
  classification: Classification,
  inbound: TranscriptMessage,
  text: string,
): Promise<string | undefined> {
  const dialogue = conversation.dialogue;
  if (dialogue.kind !== 'followup') return undefined;
  const owner = deps.intents.get(dialogue.intent);
  const idle: Conversation = { ...conversation, dialogue: { kind: 'idle' } };
  if (!owner?.resume) return undefined;
  const expired = isExpired(conversation, deps.clock.now(), deps.settings.dialogueExpiryMinutes);
  const result = await owner.resume(fulfilmentContext(deps, idle, customer, classification.language), {
    text,
    state: dialogue.state,
    expired,
    intent: classification.intent,
  });
  return result ? respond(deps, owner.id, idle, result, inbound) : undefined;
}

function fulfilmentContext(deps: ConversationDeps, conversation: Conversation, customer: Customer, language: Language): FulfilmentContext {
  return {
    customer,
    conversation,
    language,
    now: deps.clock.now(),
    directory: deps.directory,
    travel: deps.travel,
    settings: deps.settings,
    schedule: deps.schedule,
  };
}

async function handoff(
  deps: ConversationDeps,
  conversation: Conversation,
  reason: HandoffReason,
  inbound: TranscriptMessage,
  preface?: string,
): Promise<string> {
  const waiting = requestHandoff(conversation, reason, deps.clock.now());
  const text = await handoffReply(deps, waiting);
  const { body, saved } = await record(deps, waiting, preface ? `${preface} ${text}` : text, inbound);
  await announce(deps, saved);
  return body;
}

/** Publishes the escalation once the chat is saved in the queue (as `conversation`), and remembers it did. */
async function announce(deps: ConversationDeps, conversation: Conversation): Promise<void> {
  if (!conversation.handoff || conversation.handoff.announced) return;
  await publishEscalation(deps, conversation);
  try {
    await deps.conversations.saveConversation({ ...conversation, handoff: { ...conversation.handoff, announced: true } });
  } catch (error) {
    // Another text saved the chat meanwhile; the event is out, and a repeat is harmless (same id).
    if (!(error instanceof StaleWriteError)) throw error;
  }
}

async function answer(deps: ConversationDeps, conversation: Conversation, text: string, inbound: TranscriptMessage): Promise<string> {
  return (await record(deps, conversation, text, inbound)).body;
}

/**
 * Saves the conversation (version-checked), then keeps the text and the bot's reply in
 * the transcript. A stale save throws before anything is written, so a retry starts clean.
 */
async function record(
  deps: ConversationDeps,
  conversation: Conversation,
  text: string,
  inbound: TranscriptMessage,
): Promise<{ body: string; saved: Conversation }> {
  const body = toSmsBody(text);
  const now = deps.clock.now();
  const saved = await deps.conversations.saveConversation({ ...conversation, updatedAt: now.toISOString() });
  const answered = { sid: inbound.sid, reply: body, receivedAt: inbound.at, at: now };
  await deps.conversations.appendMessages([
    inbound,
    {
      conversationId: conversation.id,
      sid: `${inbound.sid}-reply`,
      direction: 'outbound',
      author: 'bot',
      body,
      // Just after the text it answers, so the transcript reads in order.
      at: new Date(Date.parse(inbound.at) + 1).toISOString(),
    },
  ], answered);
  return { body, saved };
}

/**
 * Keeps the text in the transcript and answers nothing. A conversation just opened is stored
 * first (pass it): a transcript always has its conversation.
 */
async function keep(deps: ConversationDeps, inbound: TranscriptMessage, opened?: Conversation): Promise<null> {
  if (opened?.version === 0) await deps.conversations.saveConversation({ ...opened, updatedAt: deps.clock.now().toISOString() });
  await deps.conversations.appendMessages([inbound], { sid: inbound.sid, reply: null, receivedAt: inbound.at, at: deps.clock.now() });
  return null;
}

function noteIntent(
  conversation: Conversation,
  classification: Classification,
  customer: Customer | undefined,
  now: Date,
): Conversation {
  return {
    ...conversation,
    customerId: conversation.customerId ?? customer?.id,
    // The classifier already lets the stored language win on texts too short to tell.
    language: classification.language,
    lastIntents: [
      ...conversation.lastIntents,
      { intent: classification.intent, confidence: classification.confidence, at: now.toISOString() },
    ].slice(-RECENT_INTENTS),
  };
}

function isExpired(conversation: Conversation, now: Date, expiryMinutes: number): boolean {
  const dialogue = conversation.dialogue;
  if (dialogue.kind === 'idle') return false;
  return now.getTime() - Date.parse(dialogue.askedAt) > expiryMinutes * 60_000;
}
