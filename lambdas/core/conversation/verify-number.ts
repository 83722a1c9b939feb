import type { Address, Conversation, HandoffReason } from '../domain/conversation.js';
import type { Customer } from '../domain/directory.js';
import type { Classification } from '../nlu/classification.js';
import { findPhoneNumber } from '../phone/phone-number.js';
import { businessDate } from '../time/business-time.js';
import type { ConversationDeps } from './conversation-deps.js';
import { replies } from './replies.js';

/**
 * An unknown number proves who it is in two steps: the phone number on the account,
 * then the account number or the service ZIP from that record. The bot answers the
 * same way whether the number matched or not, so nothing leaks to an unverified texter.
 */
export type VerificationStep =
  | { kind: 'ask'; conversation: Conversation; text: string }
  | { kind: 'handoff'; conversation: Conversation; reason: HandoffReason }
  | { kind: 'verified'; conversation: Conversation; customer: Customer; pendingText: string };

const MAX_ATTEMPTS = 2;

export async function startVerification(
  deps: ConversationDeps,
  conversation: Conversation,
  text: string,
  classification: Classification,
): Promise<VerificationStep> {
  if (classification.intent === 'talk_to_agent') return { kind: 'handoff', conversation, reason: 'talk_to_agent' };
  const askedAt = deps.clock.now().toISOString();
  return {
    kind: 'ask',
    conversation: { ...conversation, dialogue: { kind: 'awaiting_account_phone', askedAt, pendingText: text, attempts: 0 } },
    text: replies.askAccountPhone[conversation.language],
  };
}

export async function continueVerification(
  deps: ConversationDeps,
  conversation: Conversation,
  text: string,
  from: Address,
): Promise<VerificationStep> {
  const dialogue = conversation.dialogue;
  const language = conversation.language;
  const askedAt = deps.clock.now().toISOString();

  if (dialogue.kind === 'awaiting_account_phone') {
    const phone = findPhoneNumber(text);
    if (!phone) return retryOrHandoff(conversation, { ...dialogue, attempts: dialogue.attempts + 1, askedAt }, replies.askAccountPhone[language]);
    const candidate = await customerWithVisitToday(deps, phone);
    return {
      kind: 'ask',
      conversation: {
        ...conversation,
        dialogue: {
          kind: 'awaiting_identity_proof',
          askedAt,
          pendingText: dialogue.pendingText,
          candidateCustomerId: candidate?.id,
          attempts: 0,
        },
      },
      text: replies.askIdentityProof[language],
    };
  }

  if (dialogue.kind === 'awaiting_identity_proof') {
    const candidate = dialogue.candidateCustomerId ? await deps.directory.getCustomer(dialogue.candidateCustomerId) : undefined;
    const proven = candidate && (await provesIdentity(deps, candidate, text));
    if (!candidate || !proven) {
      return retryOrHandoff(conversation, { ...dialogue, attempts: dialogue.attempts + 1, askedAt }, replies.retryIdentityProof[language]);
    }
    const linked = await deps.directory.linkPhone(candidate.id, from.phone);
    if (!linked) return { kind: 'handoff', conversation, reason: 'unverified_number' };
    return {
      kind: 'verified',
      customer: candidate,
      pendingText: dialogue.pendingText,
      conversation: { ...conversation, customerId: candidate.id, language: candidate.language, dialogue: { kind: 'idle' } },
    };
  }

  return { kind: 'handoff', conversation, reason: 'unverified_number' };
}

function retryOrHandoff(
  conversation: Conversation,
  dialogue: Extract<Conversation['dialogue'], { attempts: number }>,
  text: string,
): VerificationStep {
  if (dialogue.attempts >= MAX_ATTEMPTS) return { kind: 'handoff', conversation, reason: 'unverified_number' };
  return { kind: 'ask', conversation: { ...conversation, dialogue }, text };
}

async function customerWithVisitToday(deps: ConversationDeps, phone: string): Promise<Customer | undefined> {
  const customerId = await deps.directory.findCustomerIdByPhone(phone);
  if (!customerId) return undefined;
  const today = businessDate(deps.clock.now(), deps.settings.timeZone);
  const visits = await deps.directory.listCustomerAppointments(customerId);
  if (!visits.some((visit) => visit.date === today && visit.status !== 'cancelled')) return undefined;
  return deps.directory.getCustomer(customerId);
}

/** The reply names the account number or a ZIP on the customer's record. */
async function provesIdentity(deps: ConversationDeps, customer: Customer, text: string): Promise<boolean> {
  const numbers = new Set(text.match(/\d+/g) ?? []);
  const digitsOnly = (value: string) => value.replace(/\D/g, '');
  if (customer.accountNumber && numbers.has(digitsOnly(customer.accountNumber))) return true;
  const visits = await deps.directory.listCustomerAppointments(customer.id);
  const zips = [customer.zip, ...visits.map((visit) => visit.address.zip)].filter((zip): zip is string => Boolean(zip));
  return zips.some((zip) => numbers.has(digitsOnly(zip).slice(0, 5)));
}
