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
