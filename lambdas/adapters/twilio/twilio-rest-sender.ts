import twilio from 'twilio';
import type { Address } from '../../core/domain/conversation.js';
import { toDeliveryStatus } from './delivery-status.js';
import { SendFailedError } from '../../core/errors/send-failed.error.js';
import { formatTwilioAddress } from '../../core/phone/phone-number.js';
import type { MessageSender, SendResult } from '../../core/ports.js';

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** The company's number; WhatsApp messages go from `whatsapp:` + it. */
  from: string;
  /** Where Twilio posts delivery updates (`PUBLIC_BASE_URL/webhooks/twilio/status`). */
  statusCallbackUrl: string;
  /** Sends to another API host than api.twilio.com (the local stand-in). */
  apiBaseUrl?: string;
}

/** Sends through Twilio's REST API with the official client. */
export class TwilioRestSender implements MessageSender {
  private readonly client: twilio.Twilio;

  constructor(private readonly options: TwilioSenderOptions) {
    const httpClient = options.apiBaseUrl ? redirectingClient(options.apiBaseUrl) : undefined;
    this.client = twilio(options.accountSid, options.authToken, httpClient ? { httpClient } : {});
  }

  async send(message: { to: Address; body: string }): Promise<SendResult> {
    try {
      const sent = await this.client.messages.create({
        to: formatTwilioAddress(message.to),
        from: formatTwilioAddress({ channel: message.to.channel, phone: this.options.from }),
        body: message.body,
        statusCallback: this.options.statusCallbackUrl,
      });
      return { providerSid: sent.sid, status: toDeliveryStatus(sent.status) };
    } catch (error) {
      throw toSendFailure(error);
    }
  }
}

/** Twilio's refusals that retrying cannot fix, by error code. */
const PERMANENT_CODES = new Set([21211, 21408, 21610, 21612, 21614, 63016]);

function toSendFailure(error: unknown): SendFailedError {
  const { status, code, message } = error as { status?: number; code?: number; message?: string };
  if (code !== undefined && PERMANENT_CODES.has(code)) return new SendFailedError(String(code), message ?? 'refused', false);
  const transient = status === undefined || status === 429 || status >= 500;
  return new SendFailedError(String(code ?? status ?? 'network'), message ?? 'send failed', transient);
}

function redirectingClient(apiBaseUrl: string): twilio.RequestClient {
  const client = new twilio.RequestClient();
  const request = client.request.bind(client);
  client.request = (options) => request({ ...options, uri: options.uri.replace(/^https:\/\/api\.twilio\.com/, apiBaseUrl) });
  return client;
}
