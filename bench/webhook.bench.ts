import { spawn, type ChildProcess } from 'node:child_process';
import { createDocumentClient } from '../lambdas/adapters/dynamodb/document-client.js';
import { LOCAL_AWS } from '../local/dynalite-store.js';
import { LOCAL_DEFAULTS } from '../local/local-stack.js';
import { TwilioStandIn } from '../local/twilio-stand-in.js';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { businessDate } from '../lambdas/core/time/business-time.js';
import type { BenchRow, BenchSection } from './bench-row.js';

/**
 * ETA replies through the local stack: 20 senders (one customer each, all on one
 * technician's route) text "where is my technician?" at once, over and over. Each sample
 * is a signed webhook request answered with TwiML, over loopback HTTP, on the embedded
 * store, with the stack in its own process as `npm start` runs it.
 */
const SENDERS = 20;
const TEXTS_PER_SENDER = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const PORT = 3917;
const DYNAMODB_PORT = 8917;

/** `npm start --memory` in its own process, as a developer runs it; resolves when it serves. */
async function startStack(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--memory'], {
    env: { ...process.env, PORT: String(PORT), DYNAMODB_PORT: String(DYNAMODB_PORT), LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`local stack exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Press Ctrl+C')) resolve();
    });
  });
  return child;
}

const section: BenchSection = {
  title: 'Webhook on the local stack (`npm start --memory` in its own process, loopback HTTP)',
  async run() {
    const stack = await startStack();
    const client = createDocumentClient({ ...LOCAL_AWS, endpoint: `http://127.0.0.1:${DYNAMODB_PORT}` });
    try {
      const directory = new DynamoDirectoryRepository(client, 'switchboard-directory');
      const now = new Date();
      const today = businessDate(now, 'America/Chicago');
      await directory.putTechnician({ id: 'T-B', name: 'Bench Tech', location: { lat: 30.27, lng: -97.74, at: now.toISOString() } });
      const phones: string[] = [];
      for (let i = 0; i < SENDERS; i++) {
        const phone = `+1512555${String(2000 + i)}`;
        phones.push(phone);
        await directory.putCustomer({ id: `C-B${i}`, name: `Bench ${i}`, phones: [phone], language: 'en' });
        await directory.putAppointment({
          id: `A-B${i}`, customerId: `C-B${i}`, technicianId: 'T-B', date: today, window: { start: '00:00', end: '23:59' },
          address: { line1: `${i} Bench St`, lat: 30.27 + i / 100, lng: -97.74 }, sequence: i + 1, durationMinutes: 30, status: 'scheduled',
        });
      }
      const twilio = new TwilioStandIn({
        authToken: LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN,
        accountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
        publicBaseUrl: () => `http://localhost:${PORT}`,
        serverUrl: () => `http://localhost:${PORT}`,
        companyNumber: LOCAL_DEFAULTS.TWILIO_PHONE_NUMBER,
      });
      // Warm up the handler, the model and the store.
      for (const phone of phones) await twilio.deliverInbound(phone, 'where is my technician?');

      const latencies: number[] = [];
      let failures = 0;
      const started = performance.now();
      await Promise.all(
        phones.map(async (phone) => {
          for (let i = 0; i < TEXTS_PER_SENDER; i++) {
            const t = performance.now();
            const { status, replies } = await twilio.deliverInbound(phone, 'where is my technician?');
            latencies.push(performance.now() - t);
            if (status !== 200 || !/about \d/.test(replies[0]?.body ?? '')) failures++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);
      const command = 'npm run bench -- webhook';
      const rows: BenchRow[] = [
        { name: `ETA reply p50 (${SENDERS} concurrent senders, ${latencies.length} texts)`, value: `${p50.toFixed(1)} ms`, budget: '', command },
        { name: `ETA reply p99 (${SENDERS} concurrent senders)`, value: `${p99.toFixed(1)} ms`, budget: '≤ 100 ms', ok: p99 <= 100, command },
        { name: `throughput with ${SENDERS} senders`, value: `${(latencies.length / seconds).toFixed(0)} texts/s`, budget: '', command },
        { name: 'texts without a correct ETA reply', value: String(failures), budget: '0', ok: failures === 0, command },
      ];
      return rows;
    } finally {
      client.destroy();
      stack.kill('SIGTERM');
    }
  },
};
export default section;
