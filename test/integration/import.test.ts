import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOW } from '../support/fixture.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const run = promisify(execFile);
let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await startTestStack(NOW);
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-import-'));
});
afterAll(async () => stack?.close());

/** Runs `npm run import -- FILE` against the running local stack. */
async function importFile(content: unknown) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/import.ts', file], {
      env: { ...process.env, DYNAMODB_ENDPOINT: stack.store.endpoint },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const customer = { id: 'C-1', name: 'Ana Ruiz', phones: ['(512) 555-0101'], accountNumber: '100200', language: 'es' };
const technician = { id: 'T-1', name: 'Sam Lee', location: { lat: 30.27, lng: -97.74, at: '2026-11-21T15:00:00Z' } };
const appointment = {
  id: 'A-1', customerId: 'C-1', technicianId: 'T-1', date: '2026-11-21', window: { start: '13:00', end: '17:00' },
  address: { line1: '12 Elm St', lat: 30.3, lng: -97.7 }, sequence: 1, durationMinutes: 60, status: 'scheduled',
};

describe('npm run import', () => {
  test('loads the SPEC format, normalising phones to E.164', async () => {
    const result = await importFile({ customers: [customer], technicians: [technician], appointments: [appointment] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Loaded 1 customers, 1 technicians, 1 appointments.');
    expect(await stack.directory.findCustomerIdByPhone('+15125550101')).toBe('C-1');
    expect(await stack.directory.listRoute('T-1', '2026-11-21')).toMatchObject([{ id: 'A-1', sequence: 1 }]);
  });

  test('upserts by id: a changed phone list relinks the numbers', async () => {
    await importFile({ customers: [{ ...customer, phones: ['+15125550199'] }] });
    expect(await stack.directory.findCustomerIdByPhone('+15125550101')).toBeUndefined();
    expect(await stack.directory.findCustomerIdByPhone('+15125550199')).toBe('C-1');
    expect((await stack.directory.getCustomer('C-1'))?.phones).toEqual(['+15125550199']);
  });

  test('reports each invalid record with its index and reason; the valid ones still load', async () => {
    const result = await importFile({
      customers: [
        { id: 'C-2', name: 'Good One', phones: ['+15125550202'] },
        { id: 'C-3', name: 'Bad Phone', phones: ['12'] },
        { id: 'C-4', name: 'Taken Phone', phones: ['+15125550202'] },
      ],
      appointments: [
        { ...appointment, id: 'A-2', window: { start: '17:00', end: '13:00' } },
        { ...appointment, id: 'A-3', customerId: 'C-404' },
        { ...appointment, id: 'A-4', customerId: 'C-2' },
      ],
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Loaded 1 customers, 0 technicians, 1 appointments.');
    expect(result.stderr).toMatch(/customers\[1\] \(C-3\): phones\.0: "12" is not a valid phone number/);
    expect(result.stderr).toMatch(/customers\[2\] \(C-4\): .*belongs to another customer/);
    expect(result.stderr).toMatch(/appointments\[0\] \(A-2\): window: window.start must be before window.end/);
    expect(result.stderr).toMatch(/appointments\[1\] \(A-3\): customer C-404 does not exist/);
    expect(await stack.directory.getCustomer('C-3')).toBeUndefined();
    expect(await stack.directory.getCustomer('C-4')).toBeUndefined();
    expect(await stack.directory.getAppointment('A-4')).toBeDefined();
  });

  test.each([
    ['malformed JSON', '{ "customers": [', /Cannot read .*JSON/],
    ['a JSON array', '[]', /must be a JSON object/],
  ])('refuses %s with a clear error', async (_label, content, message) => {
    const result = await importFile(content);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});
