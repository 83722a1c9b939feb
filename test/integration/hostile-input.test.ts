import { parse } from 'node:querystring';
import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDirectory, InvalidImportFileError } from '../../lambdas/core/import/import-directory.js';
import { toE164 } from '../../lambdas/core/phone/phone-number.js';
import { messageSid } from '../../local/twilio-stand-in.js';
import { ANA_TOKEN } from '../support/agent.js';
import { NOW, fixture } from '../support/fixture.js';
import { AUTH_TOKEN, WEBHOOK_PATH, startTestStack, type TestStack } from '../support/stack.js';

// Bounded: a few hundred runs per surface keep this file to a few seconds on two cores.
const RUNS = 200;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
});
afterAll(async () => stack?.close());

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'MessageSid', 'From', 'Body', 'To', 'NumMedia');
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.constantFrom('', ' ', '%', '%zz', '\u0000', '\uFEFF', '\uD800', '+1512', '+15125550101', 'whatsapp:+15125550101', 'x'.repeat(1601), 'NaN', '-1', '1e9', '[]', '{}'),
  fc.string({ unit: 'grapheme', maxLength: 1700 }),
);

/** Form bodies a forger or a broken client might send: hostile keys, repeated keys, huge and strange values. */
const formBody = fc.oneof(
  fc.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 10 })), hostileText), { maxLength: 12 }).map((pairs) =>
    new URLSearchParams(pairs).toString(),
  ),
  // Valid-looking texts with one field broken or repeated.
  fc
    .record({
      From: fc.oneof(fc.constant('+15125559{n}'), hostileText),
      Body: hostileText,
      NumMedia: fc.oneof(fc.constant('0'), hostileText),
      repeat: fc.constantFrom('', 'From', 'MessageSid', 'Body', '__proto__'),
    })
    .map(({ From, Body, NumMedia, repeat }) => {
      const params = new URLSearchParams({ MessageSid: '{sid}', AccountSid: 'AC0', From, To: '+15125550000', Body, NumMedia });
      if (repeat) params.append(repeat, 'again');
      return params.toString();
    }),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

let fresh = 0;
describe('the webhook, with signed hostile bodies', () => {
  test('never answers 5xx, and a refused text creates or changes no thread and leaves no claim', async () => {
    await fc.assert(
      fc.asyncProperty(formBody, async (template) => {
        const n = String(fresh++).padStart(3, '0');
        const sid = messageSid();
        const raw = template.replaceAll('%7Bsid%7D', sid).replaceAll('%7Bn%7D', n);
        // Signed over the form as the server parses it: the signature holds, so parsing is what is tested.
        const parsed = Object.assign({}, parse(raw)) as Record<string, string | string[]>;
        const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${stack.webhook.publicBaseUrl}${WEBHOOK_PATH}`, parsed);
        // Some hostile values are real numbers an earlier run may have texted from: compare, don't assume empty.
        const from = typeof parsed.From === 'string' ? toE164(parsed.From.replace(/^whatsapp:/, '')) : undefined;
        const threadsOf = async () =>
          from ? Promise.all((['sms', 'whatsapp'] as const).map((channel) => stack.conversations.getThread({ channel, phone: from }))) : [];
        const before = await threadsOf();
        const response = await fetch(`${stack.url}${WEBHOOK_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          body: raw,
        });
        const text = await response.text();
        expect(response.status, text).toBeLessThan(500);
        if (response.status !== 200) {
          expect(await threadsOf()).toEqual(before);
          expect(await stack.conversations.claimInbound(sid, NOW, 1)).toMatchObject({ kind: 'claimed' });
        }
      }),
      { numRuns: RUNS },
    );
  });
});

const pathSegment = fc.oneof(
  // Malformed percent-escapes ('%', '%E0%A4%A') are a known 500, tested on their own below.
  fc.constantFrom('conversations', 'claim', 'messages', 'close', '__proto__', 'constructor', '..', '%25', '%00', '%2F', 'nope'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const jsonBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ body: fc.oneof(hostileText, fc.jsonValue()), csat: fc.jsonValue() }).map((value) => JSON.stringify(value)),
  fc.constantFrom('{"__proto__":{"body":"x"}}', '{"constructor":{"prototype":{}}}', '{"body":"hi","body":1}', '{', 'null', '"body"'),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

describe('the agent and technician APIs, with hostile paths and bodies', () => {
  test('the agent API never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST'), fc.array(pathSegment, { minLength: 1, maxLength: 3 }), jsonBody, async (method, segments, body) => {
        const response = await fetch(`${stack.url}/api/agent/${segments.join('/')}`, {
          method,
          headers: { authorization: `Bearer ${ANA_TOKEN}`, 'content-type': 'application/json' },
          body: method === 'POST' ? body : undefined,
        });
        expect(response.status, `${method} ${segments.join('/')} ${body}`).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  test('the technician API never answers 5xx, and a refused location changes nothing', async () => {
    const before = await stack.directory.getTechnician('T-7');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('technicians/T-7/location', 'jobs/A-55/status', 'technicians/__proto__/location', 'jobs/__proto__/status'),
        fc.oneof(jsonBody, fc.record({ lat: fc.jsonValue(), lng: fc.jsonValue(), at: fc.oneof(hostileText, fc.jsonValue()) }).map((v) => JSON.stringify(v))),
        async (path, body) => {
          const response = await fetch(`${stack.url}/api/${path}`, {
            method: 'POST',
            headers: { authorization: 'Bearer tech-t7-token', 'content-type': 'application/json' },
            body,
          });
          expect(response.status, `${path} ${body}`).toBeLessThan(500);
          if (path.startsWith('technicians/T-7') && response.status !== 200) {
            expect(await stack.directory.getTechnician('T-7')).toEqual(before);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('a malformed percent-escape in an id', () => {
  test.each([
    ['GET', '/api/agent/conversations/%E0%A4%A', ANA_TOKEN, undefined],
    ['POST', '/api/agent/conversations/%/claim', ANA_TOKEN, undefined],
    ['POST', '/api/technicians/%E0%A4%A/location', 'tech-t7-token', JSON.stringify({ lat: 30, lng: -97, at: NOW.toISOString() })],
    ['POST', '/api/jobs/%/status', 'tech-t7-token', JSON.stringify({ status: 'en_route' })],
  ])('%s %s is a 4xx, not a 500', async (method, path, token, body) => {
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBeLessThan(500);
  });
});

describe('the import, with random records', () => {
  test('never throws on records; a rejected record writes nothing; numbers and customers always agree', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            id: fc.oneof(fc.constantFrom('a', 'b', 'c'), hostileText),
            name: fc.oneof(fc.constant('Fuzz Customer'), hostileText, fc.jsonValue()),
            phones: fc.oneof(fc.array(fc.oneof(fc.constantFrom('0', '1', '2', '3'), hostileText), { maxLength: 3 }), fc.jsonValue()),
            language: fc.oneof(fc.constantFrom('en', 'es'), hostileText),
          }),
          { maxLength: 6 },
        ),
        async (records) => {
          // Ids and numbers local to this run, drawn from small pools so upserts and clashes happen.
          const prefix = `F${run++}-`;
          const pool = ['0', '1', '2', '3'].map((k) => `+1737555${String(run).padStart(3, '0')}${k}`);
          const customers = records.map((r) => ({
            ...r,
            id: ['a', 'b', 'c'].includes(r.id as string) ? `${prefix}${r.id}` : r.id,
            // Only the pool's keys map to numbers; anything else (objects whose valueOf is not a
            // function among them, which Number() would throw on) is passed through as drawn.
            phones: Array.isArray(r.phones) ? (r.phones as unknown[]).map((p) => (typeof p === 'string' ? (pool[Number(p)] ?? p) : p)) : r.phones,
          }));
          const report = await importDirectory(stack.directory, { customers });

          const ids = ['a', 'b', 'c'].map((id) => `${prefix}${id}`);
          const loaded = new Set<string>();
          for (const [index, record] of customers.entries()) {
            const rejected = report.rejected.some((problem) => problem.index === index);
            if (!rejected && typeof record.id === 'string') loaded.add(record.id.trim());
          }
          for (const id of ids) {
            const stored = await stack.directory.getCustomer(id);
            expect(stored !== undefined).toBe(loaded.has(id));
            for (const phone of stored?.phones ?? []) expect(await stack.directory.findCustomerIdByPhone(phone)).toBe(id);
          }
          for (const phone of pool) {
            const owner = await stack.directory.findCustomerIdByPhone(phone);
            if (owner) expect((await stack.directory.getCustomer(owner))?.phones).toContain(phone);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a file that is not an import file is refused as a whole', async () => {
    for (const file of [null, 42, 'x', [], { customers: 'x' }]) {
      await expect(importDirectory(stack.directory, file)).rejects.toBeInstanceOf(InvalidImportFileError);
    }
  });
});
