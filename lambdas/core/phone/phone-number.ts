import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { Address, Channel } from '../domain/conversation.js';

const WHATSAPP_PREFIX = 'whatsapp:';

/**
 * E.164 form of a number as a person or Twilio writes it ("+1 (512) 555-0101",
 * "512.555.0101"), or undefined when it is not a valid number.
 */
export function toE164(raw: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Twilio's `From`/`To` (`+1…` or `whatsapp:+1…`) as a channel and an E.164 number. */
export function parseTwilioAddress(raw: string): Address | undefined {
  const channel: Channel = raw.startsWith(WHATSAPP_PREFIX) ? 'whatsapp' : 'sms';
  const phone = toE164(channel === 'whatsapp' ? raw.slice(WHATSAPP_PREFIX.length) : raw);
  return phone ? { channel, phone } : undefined;
}

/** The address as Twilio expects it in `To`/`From`. */
export function formatTwilioAddress(address: Address): string {
  return address.channel === 'whatsapp' ? `${WHATSAPP_PREFIX}${address.phone}` : address.phone;
}

/** A stable key for per-thread state ("sms:+15125550101"). */
export function addressKey(address: Address): string {
  return `${address.channel}:${address.phone}`;
}

/** A phone number safe to log: only its last four digits. */
export function maskPhone(phone: string): string {
  return `…${phone.replace(/\D/g, '').slice(-4)}`;
}

/**
 * Finds a phone number inside a free-text reply ("it's 512 555 0101 thanks").
 * Returns the first valid one, in E.164.
 */
export function findPhoneNumber(text: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const candidates = text.match(/\+?[\d][\d\s().-]{6,}\d/g) ?? [];
  for (const candidate of candidates) {
    const phone = toE164(candidate, defaultCountry);
    if (phone) return phone;
  }
  return undefined;
}
