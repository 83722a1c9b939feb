import { describe, expect, test } from 'vitest';
import { messagingTwiml } from '../../../lambdas/adapters/twilio/twiml.js';
import { findPhoneNumber, formatTwilioAddress, parseTwilioAddress, toE164 } from '../../../lambdas/core/phone/phone-number.js';
import { segmentInfo, toSmsBody } from '../../../lambdas/core/text/sms-encoding.js';
import { businessDate, zonedInstant } from '../../../lambdas/core/time/business-time.js';
import { formatDay, formatTimeRange, formatWindow } from '../../../lambdas/core/time/format.js';

describe('SMS segments', () => {
  test.each([
    ['plain ASCII up to 160', 'a'.repeat(160), 'GSM-7', 1],
    ['plain ASCII 161 splits into 153-char parts', 'a'.repeat(161), 'GSM-7', 2],
    ['GSM accents (é, ñ, ü) stay GSM-7', 'técnico mañana pingüino', 'GSM-7', 1],
    ['extension characters count twice', '€'.repeat(80), 'GSM-7', 1],
    ['extension characters count twice (over)', '€'.repeat(81), 'GSM-7', 2],
    ['one emoji forces UCS-2', `${'a'.repeat(70)}🙂`, 'UCS-2', 2],
    ['á forces UCS-2', 'llegará', 'UCS-2', 1],
  ])('%s', (_label, body, encoding, segments) => {
    expect(segmentInfo(body)).toMatchObject({ encoding, segments });
  });

  test.each([
    ['curly quotes and dashes', 'Sam’s on the way – 2:10–2:25 pm', "Sam's on the way - 2:10-2:25 pm"],
    ['accents outside GSM-7', 'Martín llegará aquí', 'Martin llegara aqui'],
    ['accents inside GSM-7 are kept', 'técnico mañana', 'técnico mañana'],
  ])('toSmsBody keeps one segment: %s', (_label, input, output) => {
    expect(toSmsBody(input)).toBe(output);
    expect(segmentInfo(toSmsBody(input)).encoding).toBe('GSM-7');
  });

  test('caps a reply at 1,600 characters', () => {
    expect(toSmsBody('x'.repeat(5000))).toHaveLength(1600);
  });
});

describe('phone numbers', () => {
  test.each([
    ['+15125550101', '+15125550101'],
    ['(512) 555-0101', '+15125550101'],
    ['512.555.0101', '+15125550101'],
    ['+44 20 7946 0958', '+442079460958'],
    ['12345', undefined],
    ['not a number', undefined],
  ])('toE164(%s) = %s', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  test('the WhatsApp prefix maps to the same E.164 number on another channel', () => {
    expect(parseTwilioAddress('whatsapp:+15125550101')).toEqual({ channel: 'whatsapp', phone: '+15125550101' });
    expect(parseTwilioAddress('+15125550101')).toEqual({ channel: 'sms', phone: '+15125550101' });
    expect(formatTwilioAddress({ channel: 'whatsapp', phone: '+15125550101' })).toBe('whatsapp:+15125550101');
  });

  test('finds the account phone inside a chatty reply', () => {
    expect(findPhoneNumber("sure it's 512 555 0101 thx")).toBe('+15125550101');
    expect(findPhoneNumber('I have no idea')).toBeUndefined();
  });
});

describe('business time', () => {
  test.each([
    // 05:30 UTC is still the previous evening in Chicago.
    ['2026-11-21T05:30:00Z', '2026-11-20'],
    ['2026-11-21T06:30:00Z', '2026-11-21'],
  ])('the business date of %s is %s', (instant, date) => {
    expect(businessDate(new Date(instant), 'America/Chicago')).toBe(date);
  });

  test.each([
    ['winter (CST, UTC-6)', '2026-11-21', '13:00', '2026-11-21T19:00:00.000Z'],
    ['summer (CDT, UTC-5)', '2026-07-01', '13:00', '2026-07-01T18:00:00.000Z'],
  ])('wall-clock times resolve across DST: %s', (_label, date, time, iso) => {
    expect(zonedInstant(date, time, 'America/Chicago').toISOString()).toBe(iso);
  });

  test('formats ranges and days the way a text reads', () => {
    const tz = 'America/Chicago';
    expect(formatTimeRange(new Date('2026-11-21T20:10:00Z'), new Date('2026-11-21T20:25:00Z'), tz)).toBe('2:10-2:25 pm');
    expect(formatTimeRange(new Date('2026-11-21T17:50:00Z'), new Date('2026-11-21T18:05:00Z'), tz)).toBe('11:50 am-12:05 pm');
    expect(formatWindow('2026-11-21', { start: '13:00', end: '17:00' }, tz)).toBe('1-5 pm');
    expect(formatDay('2026-12-01', 'en')).toBe('Tue 12/1');
    expect(formatDay('2026-12-01', 'es')).toBe('mar 1/12');
  });
});

describe('TwiML', () => {
  test('escapes the reply and answers nothing with an empty Response', () => {
    expect(messagingTwiml('a < b & "c"')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>a &lt; b &amp; &quot;c&quot;</Message></Response>',
    );
    expect(messagingTwiml(null)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
