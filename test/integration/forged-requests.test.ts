import { request } from 'node:http';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messageSid } from '../../local/twilio-stand-in.js';
import { NOW, fixture } from '../support/fixture.js';
import { AUTH_TOKEN, COMPANY_NUMBER, WEBHOOK_PATH, startTestStack, type TestStack } from '../support/stack.js';

const PUBLIC_BASE_URL = 'https://switchboard.example.com';
const ATTACKER_HOST = 'evil.example.net';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(NOW, fixture, { PUBLIC_BASE_URL });
});
afterAll(async () => stack?.close());

/** Posts a signed text with whatever Host / X-Forwarded-* headers an attacker chooses (fetch cannot set Host). */
function postWithHeaders(params: Record<string, string>, signedUrl: string, headers: Record<string, string>) {
  const body = new URLSearchParams(params).toString();
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, signedUrl, params);
  const { port } = new URL(stack.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const call = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: WEBHOOK_PATH,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...headers },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

function textFrom(phone: string): Record<string, string> {
  return { MessageSid: messageSid(), AccountSid: 'AC00000000000000000000000000000000', From: phone, To: COMPANY_NUMBER, Body: 'where is my technician', NumMedia: '0' };
}

async function nothingWritten(phone: string, sid: string) {
  expect(await stack.conversations.getThread({ channel: 'sms', phone })).toBeUndefined();
  // The MessageSid was never claimed: claiming it now succeeds.
  expect(await stack.conversations.claimInbound(sid, NOW, 1)).toMatchObject({ kind: 'claimed' });
  await stack.outbound.drain();
  expect(stack.twilio.listOutbox(phone)).toEqual([]);
}

describe('the signature is checked against PUBLIC_BASE_URL, never the request headers', () => {
  test.each([
    ['a spoofed Host', { host: ATTACKER_HOST }],
    ['a spoofed X-Forwarded-Host', { 'x-forwarded-host': ATTACKER_HOST, 'x-forwarded-proto': 'https' }],
    ['both', { host: ATTACKER_HOST, 'x-forwarded-host': ATTACKER_HOST, 'x-forwarded-proto': 'https' }],
  ])('%s with a signature for that host is refused (403), with no write and no send', async (_label, headers) => {
    const phone = '+15125550171';
    const params = textFrom(phone);
    const result = await postWithHeaders(params, `https://${ATTACKER_HOST}${WEBHOOK_PATH}`, headers);
    expect(result.status).toBe(403);
    expect(result.body).toMatch(/Invalid Twilio signature/);
    await nothingWritten(phone, params.MessageSid!);
  });

  test('a signature for the public URL is accepted whatever Host the request carries', async () => {
    const result = await postWithHeaders(textFrom('+15125550101'), `${PUBLIC_BASE_URL}${WEBHOOK_PATH}`, { host: ATTACKER_HOST });
    expect(result.status).toBe(200);
    expect(result.body).toMatch(/<Message>.*Sam/);
  });

  test('a signature for the public URL over another path or query is refused', async () => {
    const phone = '+15125550172';
    const params = textFrom(phone);
    const result = await postWithHeaders(params, `${PUBLIC_BASE_URL}${WEBHOOK_PATH}?x=1`, {});
    expect(result.status).toBe(403);
    await nothingWritten(phone, params.MessageSid!);
  });
});
