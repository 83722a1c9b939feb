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
    // Kept in her conversation, which is stored (an agent opening her chat sees the notice).
    const { conversationId } = (await stack.conversations.getThread({ channel: 'sms', phone: grace }))!;
    expect(await stack.conversations.getConversation(conversationId!)).toMatchObject({ address: { phone: grace } });
    expect((await stack.conversations.listMessages(conversationId!)).map((m) => m.body)).toContain(texts[0]!.body);
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

describe('reschedule by text', () => {
  const LUIS = '+15125550104';

  test('offers three real open slots, books the numbered choice and records the move', async () => {
    const offer = await ask(stack, LUIS, 'necesito cambiar mi cita para otro dia');
    expect(offer).toBe('1) lun 23/11 8 am-12 pm 2) lun 23/11 1-5 pm 3) mar 24/11 1-5 pm. Responda 1, 2 o 3, o NINGUNO para hablar con una persona.');
    expect(await ask(stack, LUIS, '2')).toBe('Listo: su visita queda el lun 23/11, 1-5 pm. Le avisaremos cuando el tecnico vaya en camino.');
    const visit = await stack.directory.getAppointment('A-70');
    expect(visit).toMatchObject({
      date: '2026-11-23',
      window: { start: '13:00', end: '17:00' },
      status: 'scheduled',
      changes: [{ action: 'rescheduled', by: 'customer:C-1004', from: { date: '2026-11-24', window: { start: '08:00', end: '12:00' } } }],
    });
    expect(await ask(stack, LUIS, 'donde esta mi tecnico')).toMatch(/^Su visita es el lun 23\/11, 1-5 pm\./);
  });

  test.each([
    ['a day name', 'monday afternoon', /^Done: your visit is now on Mon 11\/23, 1-5 pm\./],
    ['a choice out of range', '7', /^Please pick a number from 1 to 3\. 1\) /],
    ['none of these', 'none of these work', /^No problem, a person will help you find a time\. I'm passing you/],
  ])('understands %s', async (_label, answer, reply) => {
    const phone = `+1512555${Math.floor(2000 + Math.random() * 7000)}`;
    const id = `C-R${phone.slice(-4)}`;
    await stack.directory.putCustomer({ id, name: 'Mover', phones: [phone], language: 'en' });
    await stack.directory.putAppointment({ ...fixture.appointments[5]!, id: `A-${id}`, customerId: id, sequence: 9 } as never);
    expect(await ask(stack, phone, 'can I reschedule my appointment?')).toMatch(/^1\) Mon 11\/23 8 am-12 pm 2\) Mon 11\/23 1-5 pm/);
    expect(await ask(stack, phone, answer)).toMatch(reply);
  });

  test('a visit already en route cannot be moved by text: the bot says why and offers a person', async () => {
    const phone = '+15125552100';
    await stack.directory.putCustomer({ id: 'C-ONWAY', name: 'Almost There', phones: [phone], language: 'en' });
    await stack.directory.putAppointment({ ...fixture.appointments[3]!, id: 'A-ONWAY', customerId: 'C-ONWAY', status: 'en_route', sequence: 8 } as never);
    expect(await ask(stack, phone, 'can we move my visit to another day')).toMatch(/cannot be moved by text\. I'm passing you/);
    expect((await stack.directory.getAppointment('A-ONWAY'))?.date).toBe('2026-11-21');
  });
});

test('a short answer keeps the language the customer is texting in, not only the stored one', async () => {
  const phone = '+15125552200';
  await stack.directory.putCustomer({ id: 'C-BILINGUAL', name: 'Bilingual', phones: [phone], language: 'es' });
  await stack.directory.putAppointment({ ...fixture.appointments[5]!, id: 'A-BILINGUAL', customerId: 'C-BILINGUAL', sequence: 7 } as never);
  expect(await ask(stack, phone, 'can I move my appointment to another day?')).toMatch(/^1\) Mon/);
  expect(await ask(stack, phone, '1')).toMatch(/^Done: your visit is now on Mon/);
});

describe('booking the last place in a slot', () => {
  test('two customers choosing the same last slot at once: one gets it, the other is offered the next ones', async () => {
    const tight = await startTestStack(NOW, undefined, { SLOT_CAPACITY: '1', RESCHEDULE_DAYS_AHEAD: '3' });
    try {
      await tight.directory.putTechnician({ id: 'T-1', name: 'Solo Tech' });
      const phones = ['+15125552001', '+15125552002'];
      for (const [i, phone] of phones.entries()) {
        await tight.directory.putCustomer({ id: `C-${i}`, name: `Racer ${i}`, phones: [phone], language: 'en' });
        await tight.directory.putAppointment({
          id: `A-${i}`, customerId: `C-${i}`, technicianId: 'T-1', date: '2026-11-25', window: { start: '08:00', end: '12:00' },
          address: { line1: `${i} Race St`, lat: 30.3, lng: -97.7 }, sequence: i + 1, durationMinutes: 60, status: 'scheduled',
        });
      }
      const offers = await Promise.all(phones.map((phone) => ask(tight, phone, 'I need to reschedule')));
      expect(offers[0]).toMatch(/^1\) Mon 11\/23 8 am-12 pm/);
      expect(offers[1]).toBe(offers[0]);
      const answers = await Promise.all(phones.map((phone) => ask(tight, phone, '1')));
      const booked = answers.filter((a) => a.startsWith('Done: your visit is now on Mon 11/23, 8 am-12 pm'));
      const refused = answers.filter((a) => a.startsWith('Sorry, that time was just taken. 1) '));
      expect([booked.length, refused.length]).toEqual([1, 1]);
      expect(refused[0]).not.toContain('Mon 11/23 8 am-12 pm');
      const dates = await Promise.all(['A-0', 'A-1'].map(async (id) => (await tight.directory.getAppointment(id))!.date));
      expect(dates.sort()).toEqual(['2026-11-23', '2026-11-25']);
    } finally {
      await tight.close();
    }
  });
});
