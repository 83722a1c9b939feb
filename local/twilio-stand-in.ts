import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/** One message Twilio would have delivered to a phone. */
export interface OutboxMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';
  errorCode?: string;
  at: string;
  /** How it was sent: a TwiML reply to a webhook, or the REST API. */
  via: 'twiml' | 'rest';
}

export interface PhoneText {
  sid: string;
  from: string;
  to: string;
  body: string;
  at: string;
}

export function messageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

const MESSAGE_TAG = /<Message>([\s\S]*?)<\/Message>/g;
const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The <Message> bodies of a TwiML answer, unescaped. */
export function twimlMessages(twiml: string): string[] {
  return [...twiml.matchAll(MESSAGE_TAG)].map((match) =>
    (match[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity]!),
  );
}

/**
 * A local stand-in for Twilio: it delivers texts from simulated phones to the webhook,
 * signed with the real algorithm, and records what Twilio would send back to phones.
 */
export class TwilioStandIn {
  private readonly outbox: OutboxMessage[] = [];
  private readonly inbox: PhoneText[] = [];
  /** Per destination: the next sends fail like Twilio would (tests and demos of failure paths). */
  private readonly failures = new Map<string, Array<{ code: string; stage: 'api' | 'callback' }>>();
  private readonly callbacks = new Set<Promise<unknown>>();

  constructor(
    private readonly options: {
      authToken: string;
      accountSid: string;
      publicBaseUrl: () => string;
      serverUrl: () => string;
      companyNumber: string;
    },
  ) {}

  /**
   * Makes the next send to `to` fail: at the API (`21610` unsubscribed, `21211` invalid
   * number, `503` outage) or later in a status callback (`30003` unreachable, `30006` landline).
   */
  failNext(to: string, code: string, stage: 'api' | 'callback'): void {
    this.failures.set(to, [...(this.failures.get(to) ?? []), { code, stage }]);
  }

  /**
   * Twilio's REST "create message" (`POST /2010-04-01/Accounts/{sid}/Messages.json`): checks
   * basic auth, records the message, answers like Twilio, then posts signed status callbacks.
   */
  async handleRestCreate(authorization: string | undefined, form: URLSearchParams): Promise<{ status: number; body: unknown }> {
    const expected = `Basic ${Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64')}`;
    if (authorization !== expected) return { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } };
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    if (!/^(whatsapp:)?\+\d{8,15}$/.test(to)) return { status: 400, body: { code: 21211, message: `Invalid 'To' Phone Number: ${to}`, status: 400 } };
    if (body === '' || body.length > 1600) return { status: 400, body: { code: 21617, message: 'The concatenated message body exceeds the 1600 character limit', status: 400 } };
    const failure = this.takeFailure(to);
    if (failure?.stage === 'api') {
      const status = failure.code === '503' ? 503 : 400;
      return { status, body: { code: Number(failure.code), message: `Simulated Twilio error ${failure.code}`, status } };
    }
    const entry = this.record({ to, from: form.get('From') ?? '', body, via: 'rest' }, 'queued');
    const callbackUrl = form.get('StatusCallback');
    if (callbackUrl) this.track(this.fireCallbacks(entry, callbackUrl, failure?.code));
    else entry.status = failure ? 'undelivered' : 'delivered';
    return { status: 201, body: { sid: entry.sid, status: 'queued', to: entry.to, from: entry.from, body: entry.body, date_created: entry.at } };
  }

  /** Resolves when every status callback in flight has been delivered (tests). */
  async settle(): Promise<void> {
    while (this.callbacks.size > 0) await Promise.all([...this.callbacks]);
  }

  private takeFailure(to: string) {
    const queue = this.failures.get(to);
    const failure = queue?.shift();
    if (queue && queue.length === 0) this.failures.delete(to);
    return failure;
  }

  private track(promise: Promise<unknown>): void {
    this.callbacks.add(promise);
    void promise.finally(() => this.callbacks.delete(promise));
  }

  private async fireCallbacks(entry: OutboxMessage, url: string, errorCode?: string): Promise<void> {
    const steps: Array<Record<string, string>> = errorCode
      ? [{ MessageStatus: 'sent' }, { MessageStatus: 'undelivered', ErrorCode: errorCode, ErrorMessage: 'Simulated carrier error' }]
      : [{ MessageStatus: 'sent' }, { MessageStatus: 'delivered' }];
    for (const step of steps) {
      entry.status = step.MessageStatus as OutboxMessage['status'];
      if (step.ErrorCode) entry.errorCode = step.ErrorCode;
      const params = { MessageSid: entry.sid, AccountSid: this.options.accountSid, To: entry.to, From: entry.from, ...step };
      const signature = twilio.getExpectedTwilioSignature(this.options.authToken, url, params);
      const target = url.replace(this.options.publicBaseUrl(), this.options.serverUrl());
      try {
        await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          body: new URLSearchParams(params),
        });
      } catch {
        // Like Twilio, a callback that cannot be delivered is not retried.
      }
    }
  }

  /** A phone texts the company number: Twilio calls the webhook and delivers its TwiML reply. */
  async deliverInbound(from: string, body: string): Promise<{ status: number; replies: OutboxMessage[] }> {
    const path = '/webhooks/twilio/messages';
    const params: Record<string, string> = {
      MessageSid: messageSid(),
      AccountSid: 'AC00000000000000000000000000000000',
      From: from,
      To: from.startsWith('whatsapp:') ? `whatsapp:${this.options.companyNumber}` : this.options.companyNumber,
      Body: body,
      NumMedia: '0',
    };
    const signature = twilio.getExpectedTwilioSignature(this.options.authToken, `${this.options.publicBaseUrl()}${path}`, params);
    const at = new Date().toISOString();
    this.inbox.push({ sid: params.MessageSid!, from, to: params.To!, body, at });
    const response = await fetch(`${this.options.serverUrl()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
    const twiml = await response.text();
    const replies = response.ok
      ? twimlMessages(twiml).map((text) => this.record({ to: from, from: params.To!, body: text, via: 'twiml' }))
      : [];
    return { status: response.status, replies };
  }

  listOutbox(to?: string): OutboxMessage[] {
    return to ? this.outbox.filter((message) => message.to === to) : [...this.outbox];
  }

  listInbox(from?: string): PhoneText[] {
    return from ? this.inbox.filter((text) => text.from === from) : [...this.inbox];
  }

  private record(message: Omit<OutboxMessage, 'sid' | 'status' | 'at'>, status: OutboxMessage['status'] = 'delivered'): OutboxMessage {
    const entry: OutboxMessage = { sid: messageSid(), status, at: new Date().toISOString(), ...message };
    this.outbox.push(entry);
    return entry;
  }
}
