import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/** One message Twilio would have delivered to a phone. */
export interface OutboxMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed';
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

  constructor(
    private readonly options: { authToken: string; publicBaseUrl: () => string; serverUrl: () => string; companyNumber: string },
  ) {}

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

  /** Twilio's REST "create message": recorded and marked delivered. */
  sendRest(message: { to: string; from: string; body: string }): OutboxMessage {
    return this.record({ ...message, via: 'rest' });
  }

  listOutbox(to?: string): OutboxMessage[] {
    return to ? this.outbox.filter((message) => message.to === to) : [...this.outbox];
  }

  listInbox(from?: string): PhoneText[] {
    return from ? this.inbox.filter((text) => text.from === from) : [...this.inbox];
  }

  private record(message: Omit<OutboxMessage, 'sid' | 'status' | 'at'>): OutboxMessage {
    const entry: OutboxMessage = { sid: messageSid(), status: 'delivered', at: new Date().toISOString(), ...message };
    this.outbox.push(entry);
    return entry;
  }
}
