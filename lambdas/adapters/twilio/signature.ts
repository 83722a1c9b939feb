// Twilio's own validator (the twilio package's webhooks module: HMAC-SHA1 over the URL
// and the sorted parameters, tried with and without the default port). Imported alone so
// the webhook bundle does not carry the REST client.
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';

export type FormParams = Record<string, string | string[]>;

export function isValidTwilioSignature(authToken: string, signature: string, url: string, params: FormParams): boolean {
  return validateRequest(authToken, signature, url, params);
}
