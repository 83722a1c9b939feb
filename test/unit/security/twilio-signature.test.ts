import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, test } from 'vitest';
import { isValidTwilioSignature, type FormParams } from '../../../lambdas/adapters/twilio/signature.js';

// Twilio's published example (twilio.com/docs/usage/security#validating-requests).
const TOKEN = '12345';
const URL_SIGNED = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

/** Another character of the same kind, never a case change (hosts are case-insensitive). */
function otherChar(c: string): string {
  if (/[0-9]/.test(c)) return String((Number(c) + 1) % 10);
  if (/[a-y]/.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  if (/[A-Y]/.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  if (c === 'z' || c === 'Z') return c === 'z' ? 'a' : 'A';
  return c === '-' ? '_' : '-';
}

const replaceAt = (text: string, at: number) => text.slice(0, at) + otherChar(text[at]!) + text.slice(at + 1);

/** Every single-character change of every parameter value. */
const paramMutations = Object.entries(PARAMS).flatMap(([key, value]) =>
  [...value].map((_, at) => [`${key}[${at}]`, { ...PARAMS, [key]: replaceAt(value, at) }] as const),
);

/** Every single-character change of the host, the path and the query (scheme and separators kept). */
const HOST = { start: 'https://'.length, end: 'https://mycompany.com'.length };
const PATH = { start: HOST.end + 1, end: URL_SIGNED.indexOf('?') };
const urlMutations = [
  ...range(HOST).map((at) => [`host[${at - HOST.start}]`, replaceAt(URL_SIGNED, at)] as const),
  ...range(PATH).map((at) => [`path[${at - PATH.start}]`, replaceAt(URL_SIGNED, at)] as const),
  ...[...URL_SIGNED].flatMap((c, at) => (at > PATH.end && /[a-z0-9]/.test(c) ? [[`query[${at - PATH.end}]`, replaceAt(URL_SIGNED, at)] as const] : [])),
];

function range({ start, end }: { start: number; end: number }): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}

describe("Twilio's published test vector", () => {
  test('is accepted', () => {
    expect(twilio.getExpectedTwilioSignature(TOKEN, URL_SIGNED, PARAMS)).toBe(SIGNATURE);
    expect(isValidTwilioSignature(TOKEN, SIGNATURE, URL_SIGNED, PARAMS)).toBe(true);
  });

  test('there is a mutation for every character of every value, the host and the path', () => {
    const valueChars = Object.values(PARAMS).join('').length;
    expect(paramMutations).toHaveLength(valueChars);
    expect(urlMutations.filter(([label]) => label.startsWith('host'))).toHaveLength('mycompany.com'.length);
    expect(urlMutations.filter(([label]) => label.startsWith('path'))).toHaveLength('myapp.php'.length);
  });

  test.each(paramMutations)('a changed character in %s is rejected', (_label, params) => {
    expect(isValidTwilioSignature(TOKEN, SIGNATURE, URL_SIGNED, params)).toBe(false);
  });

  test.each(urlMutations)('a changed character in the URL %s is rejected', (_label, url) => {
    expect(isValidTwilioSignature(TOKEN, SIGNATURE, url, PARAMS)).toBe(false);
  });

  test('another token, a missing parameter, an extra parameter or an empty signature is rejected', () => {
    const { Digits: _dropped, ...withoutDigits } = PARAMS;
    expect(isValidTwilioSignature('12346', SIGNATURE, URL_SIGNED, PARAMS)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, SIGNATURE, URL_SIGNED, withoutDigits)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, SIGNATURE, URL_SIGNED, { ...PARAMS, Body: 'hi' })).toBe(false);
    expect(isValidTwilioSignature(TOKEN, '', URL_SIGNED, PARAMS)).toBe(false);
  });
});

// Real bodies: any unicode (emoji, accents, CJK), control characters, empty values, up to 1,600 chars.
const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const value = fc.oneof(
  { weight: 4, arbitrary: text(40) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: text(1600) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
);
/** A repeated form key arrives as an array; distinct values, so one changed value cannot collide with another. */
const fieldValue = fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.uniqueArray(value, { minLength: 2, maxLength: 4 }) });
const params: fc.Arbitrary<FormParams> = fc.dictionary(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fieldValue, { maxKeys: 12 });
/** Public URLs as configured: https, a lowercase host, an optional port, a path and maybe a query. */
const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
const url = fc
  .record({
    host: fc
      .tuple(fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 2 }), fc.stringMatching(/^[a-z]{2,6}$/))
      .map(([labels, tld]) => [...labels, tld].join('.')),
    port: fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }),
    path: fc.array(segment, { minLength: 1, maxLength: 4 }),
    query: fc.option(fc.array(fc.tuple(segment, segment), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map(({ host, port, path, query }) =>
    `https://${host}${port ? `:${port}` : ''}/${path.join('/')}${query ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`,
  );

/** Changes one UTF-16 code unit of a string into a different one. */
function mutateString(original: string, at: number, to: number): string {
  if (original === '') return String.fromCharCode(to);
  const index = at % original.length;
  const code = original.charCodeAt(index);
  const replacement = code === to ? (to + 1) % 0xffff : to;
  return original.slice(0, index) + String.fromCharCode(replacement) + original.slice(index + 1);
}

describe('random parameter maps signed with the twilio package', () => {
  test('are accepted as signed, and rejected after one changed value or URL character (10,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        url,
        params,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        (token, signedUrl, signedParams, pick, at, to) => {
          const signature = twilio.getExpectedTwilioSignature(token, signedUrl, signedParams);
          expect(isValidTwilioSignature(token, signature, signedUrl, signedParams)).toBe(true);

          const keys = Object.keys(signedParams);
          if (keys.length > 0) {
            const key = keys[pick % keys.length]!;
            const current = signedParams[key]!;
            const changed = Array.isArray(current)
              ? current.map((v, i) => (i === at % current.length ? mutateString(v, pick, to) : v))
              : mutateString(current, pick, to);
            // Keep the mutated array's values distinct, as the generator did (Twilio de-duplicates them).
            if (!Array.isArray(changed) || new Set(changed).size === changed.length) {
              expect(isValidTwilioSignature(token, signature, signedUrl, { ...signedParams, [key]: changed })).toBe(false);
            }
          }

          // Host, path and query characters (a changed port can make an invalid URL, which the validator throws on).
          const port = signedUrl.match(/^https:\/\/[^/:]+(:\d+)?/)!;
          const portAt = port[1] ? port[0].length - port[1].length : -1;
          const letters = [...signedUrl].flatMap((c, i) =>
            /[a-z0-9]/.test(c) && i >= 'https://'.length && (portAt < 0 || i < portAt || i >= port[0].length) ? [i] : [],
          );
          const position = letters[at % letters.length]!;
          expect(isValidTwilioSignature(token, signature, replaceAt(signedUrl, position), signedParams)).toBe(false);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
