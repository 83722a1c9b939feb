import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanAll } from '../../lambdas/adapters/dynamodb/document-client.js';
import { ANA_TOKEN, agentCall } from '../support/agent.js';
import { ANA, ANA_SECOND_PHONE, JOHN, NOW, fixture } from '../support/fixture.js';
import { ask, sendText, startTestStack, type TestStack } from '../support/stack.js';

const run = promisify(execFile);
let stack: TestStack;
let dir: string;
const anaSids: string[] = [];
let anaChats: string[] = [];

/** Runs one of the data scripts against the running test stack. */
async function script(name: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', `scripts/${name}.ts`, ...args], { env: { ...process.env, DYNAMODB_ENDPOINT: stack.store.endpoint } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const everything = async () => [
  ...(await scanAll(stack.store.client, { TableName: stack.settings.DIRECTORY_TABLE })),
  ...(await scanAll(stack.store.client, { TableName: stack.settings.CONVERSATIONS_TABLE })),
];

beforeAll(async () => {
  stack = await startTestStack(NOW, fixture);
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-customer-'));
  // Ana asks for her technician by SMS, then asks for a person on WhatsApp from her second
  // number; an agent reads, answers and closes. John asks for his technician.
  anaSids.push((await sendText(stack, ANA, 'where is my technician?')).sid);
  anaSids.push((await sendText(stack, `whatsapp:${ANA_SECOND_PHONE}`, 'can I talk to a person please')).sid);
  const chat = (await stack.conversations.getThread({ channel: 'whatsapp', phone: ANA_SECOND_PHONE }))!.conversationId!;
  await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chat}/claim`);
  await agentCall(stack, ANA_TOKEN, 'GET', `/conversations/${chat}`);
  await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chat}/messages`, { body: 'Hi Ana, this is Ana from the team.' });
  await stack.outbound.drain();
  await stack.twilio.settle();
  await agentCall(stack, ANA_TOKEN, 'POST', `/conversations/${chat}/close`);
  await ask(stack, JOHN, "when's the installer showing up?");
  anaChats = [(await stack.conversations.getThread({ channel: 'sms', phone: ANA }))!.conversationId!, chat];
});
afterAll(async () => stack?.close());

describe('customer data requests', () => {
  test('customer:export writes the record, phone links, visits, threads and full transcripts', async () => {
    const out = path.join(dir, 'ana.json');
    const result = await script('customer-export', 'C-1001', '--out', out);
    expect(result.code).toBe(0);
    const data = JSON.parse(await readFile(out, 'utf8'));

    expect(data.customer).toMatchObject({ id: 'C-1001', name: 'Ana Ruiz', phones: [ANA, ANA_SECOND_PHONE], accountNumber: '100200' });
    expect(data.phoneLinks.map((link: { phone: string }) => link.phone).sort()).toEqual([ANA, ANA_SECOND_PHONE].sort());
    expect(data.appointments.map((a: { id: string }) => a.id)).toEqual(['A-55']);
    expect(data.threads).toEqual(expect.arrayContaining([{ channel: 'sms', phone: ANA, optedOut: false }, { channel: 'whatsapp', phone: ANA_SECOND_PHONE, optedOut: false }]));
    expect(data.conversations.map((c: { id: string }) => c.id).sort()).toEqual([...anaChats].sort());
    const bodies = data.conversations.flatMap((c: { transcript: Array<{ author: string; body: string }> }) => c.transcript.map((m) => `${m.author}: ${m.body}`));
    expect(bodies).toEqual(
      expect.arrayContaining(['customer: where is my technician?', 'customer: can I talk to a person please', 'agent: Hi Ana, this is Ana from the team.']),
    );
    // Storage keys stay inside the store.
    expect(JSON.stringify(data)).not.toMatch(/"(pk|sk|gsi1pk|queuePk)"/);
    // Nothing of John's.
    expect(JSON.stringify(data)).not.toContain(JOHN);
  });

  test('customer:delete without --yes removes nothing', async () => {
    const before = (await everything()).length;
    const result = await script('customer-delete', 'C-1001');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Would remove customer C-1001: 2 phone links, 1 appointments, 2 conversations\. Add --yes/);
    expect((await everything()).length).toBe(before);
  });

  test('customer:delete --yes removes every item keyed by the customer and nothing of anyone else', async () => {
    const johnsBefore = (await everything()).filter((item) => JSON.stringify(item).includes(JOHN) || JSON.stringify(item).includes('C-1002'));

    const result = await script('customer-delete', 'C-1001', '--yes');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Removed customer C-1001: 2 phone links, 1 appointments, 2 threads, \d+ transcript messages, 1 read marks, 1 outbound links, 2 inbound idempotency records, 2 conversations, 1 customer\./);
    const left = await everything();
    const traces = [ANA, ANA_SECOND_PHONE, 'C-1001', 'A-55', ...anaChats, ...anaSids];
    expect(left.filter((item) => traces.some((trace) => JSON.stringify(item).includes(trace)))).toEqual([]);
    // Every key pattern of hers, looked up directly.
    expect(await stack.directory.getCustomer('C-1001')).toBeUndefined();
    expect(await stack.directory.findCustomerIdByPhone(ANA)).toBeUndefined();
    expect(await stack.directory.findCustomerIdByPhone(ANA_SECOND_PHONE)).toBeUndefined();
    expect(await stack.directory.listCustomerAppointments('C-1001')).toEqual([]);
    expect(await stack.conversations.getThread({ channel: 'sms', phone: ANA })).toBeUndefined();
    for (const id of anaChats) expect(await stack.conversations.listMessages(id)).toEqual([]);
    // John is untouched.
    const johnsAfter = left.filter((item) => JSON.stringify(item).includes(JOHN) || JSON.stringify(item).includes('C-1002'));
    expect(johnsAfter).toEqual(expect.arrayContaining(johnsBefore));
    expect(johnsAfter).toHaveLength(johnsBefore.length);
    expect(await stack.directory.getCustomer('C-1002')).toMatchObject({ name: 'John Carter' });
  });

  test('an unknown customer is a clear error', async () => {
    const result = await script('customer-export', 'C-404');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No customer C-404.');
  });
});
