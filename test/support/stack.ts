import twilio from 'twilio';
import { DynamoDirectoryRepository } from '../../lambdas/adapters/dynamodb/directory-repository.js';
import { DynamoConversationRepository } from '../../lambdas/adapters/dynamodb/conversation-repository.js';
import { importDirectory } from '../../lambdas/core/import/import-directory.js';
import { ManualClock } from '../../lambdas/core/time/clock.js';
import { messageSid, twimlMessages } from '../../local/twilio-stand-in.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/local-stack.js';

export const AUTH_TOKEN = 'test-auth-token';
export const COMPANY_NUMBER = '+15125550000';
export const WEBHOOK_PATH = '/webhooks/twilio/messages';

export interface TestStack extends LocalStack {
  clock: ManualClock;
  directory: DynamoDirectoryRepository;
  conversations: DynamoConversationRepository;
}

/** The real local stack on a free port, with an in-memory store and a clock the test sets. */
export async function startTestStack(
  now: Date,
  fixture?: unknown,
  env: NodeJS.ProcessEnv = {},
  options: Pick<LocalStackOptions, 'decorate'> = {},
): Promise<TestStack> {
  const clock = new ManualClock(now);
  const stack = await startLocalStack({
    ...options,
    clock,
    env: {
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_PHONE_NUMBER: COMPANY_NUMBER,
      BUSINESS_TIMEZONE: 'America/Chicago',
      BUSINESS_HOURS: 'Mon-Sun 07:00-22:00',
      ...env,
    },
    queueDelayScale: 0.001,
  });
  const directory = new DynamoDirectoryRepository(stack.store.client, stack.settings.DIRECTORY_TABLE);
  const conversations = new DynamoConversationRepository(stack.store.client, stack.settings.CONVERSATIONS_TABLE);
  if (fixture) {
    const report = await importDirectory(directory, fixture);
    if (report.rejected.length > 0) throw new Error(`fixture rejected: ${JSON.stringify(report.rejected)}`);
  }
  return { ...stack, clock, directory, conversations };
}

export interface TextOptions {
  sid?: string;
  signature?: string | null;
  contentType?: string;
  extra?: Record<string, string>;
  omit?: string[];
}

/** Posts an inbound text to the webhook as Twilio would, signed with twilio's own helper. */
export async function sendText(stack: LocalStack, from: string, body: string, options: TextOptions = {}) {
  const params: Record<string, string> = {
    MessageSid: options.sid ?? messageSid(),
    AccountSid: 'AC00000000000000000000000000000000',
    From: from,
    To: from.startsWith('whatsapp:') ? `whatsapp:${COMPANY_NUMBER}` : COMPANY_NUMBER,
    Body: body,
    NumMedia: '0',
    ...options.extra,
  };
  for (const key of options.omit ?? []) delete params[key];
  const url = `${stack.webhook.publicBaseUrl}${WEBHOOK_PATH}`;
  const signature =
    options.signature === undefined ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params) : options.signature;
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const response = await fetch(`${stack.url}${WEBHOOK_PATH}`, { method: 'POST', headers, body: new URLSearchParams(params) });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), twiml: text, replies: twimlMessages(text), sid: params.MessageSid! };
}

/** The one reply a text got (fails the test when there is not exactly one). */
export async function ask(stack: LocalStack, from: string, body: string): Promise<string> {
  const result = await sendText(stack, from, body);
  if (result.status !== 200 || result.replies.length !== 1) {
    throw new Error(`expected one reply to "${body}", got ${result.status} ${result.twiml}`);
  }
  return result.replies[0]!;
}

export const STATUS_PATH = '/webhooks/twilio/status';

/** Posts a delivery status callback as Twilio would, signed with twilio's own helper. */
export async function sendStatus(stack: LocalStack, params: { MessageSid: string; MessageStatus: string; ErrorCode?: string }) {
  const form: Record<string, string> = { AccountSid: 'AC00000000000000000000000000000000', ...params };
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${stack.webhook.publicBaseUrl}${STATUS_PATH}`, form);
  const response = await fetch(`${stack.url}${STATUS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(form),
  });
  return response.status;
}
