import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ANA, JOHN, NOW, OMAR, fixture } from '../support/fixture.js';
import { ask, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
});
afterAll(async () => stack?.close());

describe('cancel by text', () => {
  test('names the visit, asks for YES, cancels on a clear yes, and later stops move up', async () => {
    expect(await ask(stack, ANA, 'where is my technician')).toMatch(/with 2 stops before yours/);
    expect(await ask(stack, JOHN, 'I need to cancel my appointment')).toBe(
      'Reply YES to cancel your visit on Sat 11/21, 1-4 pm, or NO to keep it.',
    );
    stack.clock.advance(60_000);
    expect(await ask(stack, JOHN, 'yes')).toBe(
      'Done: your visit on Sat 11/21, 1-4 pm is cancelled. Text us any time to book a new one.',
    );
    const visit = await stack.directory.getAppointment('A-52');
    expect(visit).toMatchObject({ status: 'cancelled', changes: [{ action: 'cancelled', by: 'customer:C-1002', channel: 'sms' }] });
    expect(await ask(stack, ANA, 'where is my technician')).toMatch(/with 1 stop before yours/);
    stack.clock.set(NOW);
  });

  test.each([
    ['an ambiguous yes', 'yes but can you come later?', /^I haven't cancelled anything\. Reply YES/],
    ['a no', 'no, keep it', /^OK, nothing changed/],
    ['something unrelated', 'hmm let me think', /^I haven't cancelled anything\. Reply YES/],
  ])('%s leaves the visit alone and says so', async (_label, answer, reply) => {
    const phone = `+1512555${Math.floor(1000 + Math.random() * 8000)}`;
    const id = `C-X${phone.slice(-4)}`;
    await stack.directory.putCustomer({ id, name: 'Keep Tester', phones: [phone], language: 'en' });
    await stack.directory.putAppointment({ ...fixture.appointments[4]!, id: `A-${id}`, customerId: id } as never);
    expect(await ask(stack, phone, 'please cancel my visit')).toMatch(/^Reply YES to cancel/);
    expect(await ask(stack, phone, answer)).toMatch(reply);
    expect((await stack.directory.getAppointment(`A-${id}`))?.status).toBe('scheduled');
  });

  test('a YES an hour later gets a fresh question, not a stale action', async () => {
    const phone = '+15125551212';
    await stack.directory.putCustomer({ id: 'C-LATE', name: 'Late Answer', phones: [phone], language: 'en' });
    await stack.directory.putAppointment({ ...fixture.appointments[4]!, id: 'A-LATE', customerId: 'C-LATE' } as never);
    await ask(stack, phone, 'cancel my appointment please');
    stack.clock.advance(60 * 60_000);
    try {
      expect(await ask(stack, phone, 'YES')).toMatch(/^That question expired, so I have not cancelled anything\. Reply YES to cancel/);
      expect((await stack.directory.getAppointment('A-LATE'))?.status).toBe('scheduled');
      expect(await ask(stack, phone, 'yes')).toMatch(/^Done: your visit/);
    } finally {
      stack.clock.set(NOW);
    }
  });

  test('a customer who changes topic mid-flow is understood', async () => {
    const phone = '+15125551213';
    await stack.directory.putCustomer({ id: 'C-TOPIC', name: 'Topic Changer', phones: [phone], language: 'en' });
    await stack.directory.putAppointment({ ...fixture.appointments[3]!, id: 'A-TOPIC', customerId: 'C-TOPIC', sequence: 5 } as never);
    await ask(stack, phone, 'cancel my appointment');
    expect(await ask(stack, phone, 'actually where is the technician now?')).toMatch(/^Sam should arrive about/);
    expect((await stack.directory.getAppointment('A-TOPIC'))?.status).toBe('scheduled');
  });

  test('a visit already on site cannot be cancelled by text: the bot says why and passes to a person', async () => {
    expect(await ask(stack, OMAR, 'cancel my appointment')).toMatch(/cannot be changed by text\. I'm passing you to a member of our team/);
    expect((await stack.directory.getAppointment('A-51'))?.status).toBe('on_site');
  });
});

async function technician(token: string | null, path: string, body: unknown) {
  const response = await fetch(`${stack.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
const T7 = 'tech-t7-token';
const T8 = 'tech-t8-token';

describe('technician app API', () => {
  const ping = { lat: 30, lng: -97, at: NOW.toISOString() };
  test.each([
    { label: 'no token', token: null, path: '/technicians/T-7/location', body: ping, status: 401 },
    { label: "another technician's location", token: T8, path: '/technicians/T-7/location', body: ping, status: 403 },
    { label: 'an unknown technician', token: T7, path: '/technicians/T-404/location', body: ping, status: 403 },
    { label: 'a latitude out of range', token: T7, path: '/technicians/T-7/location', body: { ...ping, lat: 91 }, status: 400 },
    { label: 'a timestamp in the future', token: T7, path: '/technicians/T-7/location', body: { ...ping, at: '2026-11-21T20:00:00Z' }, status: 400 },
    { label: 'coordinates as strings', token: T7, path: '/technicians/T-7/location', body: { ...ping, lat: '30' }, status: 400 },
    { label: 'malformed JSON', token: T7, path: '/technicians/T-7/location', body: '{"lat":', status: 400 },
    { label: 'an unknown job', token: T7, path: '/jobs/A-404/status', body: { status: 'en_route' }, status: 404 },
    { label: "another technician's job", token: T8, path: '/jobs/A-55/status', body: { status: 'en_route' }, status: 403 },
    { label: 'an unknown status', token: T7, path: '/jobs/A-55/status', body: { status: 'teleported' }, status: 400 },
    { label: 'completed going back to en route', token: T7, path: '/jobs/A-50/status', body: { status: 'en_route' }, status: 409 },
  ])('$label → $status', async ({ token, path, body, status }) => {
    const result = await technician(token, path, body);
    expect(result.status).toBe(status);
    expect(result.body.error).toEqual(expect.any(String));
  });

  test('an older location ping than the stored one is ignored', async () => {
    const before = (await stack.directory.getTechnician('T-7'))!.location!;
    const stale = new Date(Date.parse(before.at) - 60_000).toISOString();
    const result = await technician(T7, '/technicians/T-7/location', { lat: 10, lng: 10, at: stale });
    expect(result).toMatchObject({ status: 202, body: { stored: false } });
    expect((await stack.directory.getTechnician('T-7'))!.location).toEqual(before);
  });
});

describe('proactive messages', () => {
  async function outboxTo(phone: string) {
    await stack.outbound.drain();
    await stack.twilio.settle();
    return (await (await fetch(`${stack.url}/local/outbox?to=${encodeURIComponent(phone)}`)).json()) as Array<{ body: string }>;
  }

  test('a job going en route texts that customer "on the way" with an arrival range, once', async () => {
    const grace = '+15125550105';
    await technician(T8, '/technicians/T-8/location', { lat: 30.27, lng: -97.74, at: NOW.toISOString() });
    expect(await technician(T8, '/jobs/A-60/status', { status: 'en_route' })).toMatchObject({ status: 200, body: { changed: true } });
    expect(await technician(T8, '/jobs/A-60/status', { status: 'en_route' })).toMatchObject({ status: 200, body: { changed: false } });
    const texts = (await outboxTo(grace)).filter((m) => /on the way/.test(m.body));
    expect(texts.map((m) => m.body)).toEqual([expect.stringMatching(/^Maria is on the way, arriving about \d{1,2}:\d\d-\d{1,2}:\d\d pm\.$/)]);
    expect((await stack.directory.getAppointment('A-60'))?.status).toBe('en_route');
  });

  test('an ETA slipping past the booked window gets one honest heads-up, not one per ping', async () => {
    // Sam finishes the job in progress, then reports from 250 km away: Ana's 1-5 pm window cannot be met.
    expect((await technician(T7, '/jobs/A-51/status', { status: 'completed' })).status).toBe(200);
    for (const minutes of [1, 2, 3]) {
      const at = new Date(NOW.getTime() + minutes * 1000).toISOString();
      expect((await technician(T7, '/technicians/T-7/location', { lat: 32.5, lng: -97.7, at })).status).toBe(200);
    }
    const late = (await outboxTo(ANA)).filter((m) => /running late/.test(m.body));
    expect(late).toHaveLength(1);
    expect(late[0]!.body).toMatch(/^Sorry, Sam is running late: now arriving about .*, after your 1-5 pm window\./);
  });

  test('a customer who opted out gets no proactive message', async () => {
    const phone = '+15125551301';
    await stack.directory.putCustomer({ id: 'C-OPT', name: 'Opted Out', phones: [phone], language: 'en' });
    await stack.directory.putAppointment({ ...fixture.appointments[4]!, id: 'A-OPT', customerId: 'C-OPT', sequence: 3 } as never);
    await ask(stack, phone, 'STOP');
    const before = (await outboxTo(phone)).length;
    expect((await technician(T8, '/jobs/A-OPT/status', { status: 'en_route' })).status).toBe(200);
    expect((await outboxTo(phone)).length).toBe(before);
  });
});
