import { createDocumentClient } from '../lambdas/adapters/dynamodb/document-client.js';
import { LOCAL_AWS } from '../local/dynalite-store.js';
import type { TwilioStandIn } from '../local/twilio-stand-in.js';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { businessDate } from '../lambdas/core/time/business-time.js';
import type { BenchRow, BenchSection } from './bench-row.js';
import { standInFor, startStackProcess } from './local-stack-process.js';

/**
 * ETA replies through the local stack: 20 senders (one customer each, all on one
 * technician's route) text "where is my technician?" at once, over and over. Each sample
 * is a signed webhook request answered with TwiML, over loopback HTTP, on the embedded
 * store, with the stack in its own process as `npm start` runs it.
 */
const SENDERS = 20;
const TEXTS_PER_SENDER = 40;
/**
 * Two loads: people (each sender reads the reply for a second before texting again) —
 * the budgeted figure — and saturation (every sender texts again the moment a reply lands),
 * which measures the local stack's capacity on this machine.
 */
const LOADS = [
  { label: 'texting like people (1 s to read each reply)', thinkMs: 1000 },
  { label: 'at saturation (no pause)', thinkMs: 0 },
];

/** Each sender texts from its list of numbers in turn, waiting for each reply. */
async function drive(twilio: TwilioStandIn, senders: string[][], thinkMs: number) {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    senders.map(async (phones, n) => {
      // Senders start spread over the first pause, as people do.
      await new Promise((resolve) => setTimeout(resolve, (thinkMs * n) / senders.length));
      for (const phone of phones) {
        const t = performance.now();
        const { status, replies } = await twilio.deliverInbound(phone, 'where is my technician?');
        latencies.push(performance.now() - t);
        if (status !== 200 || !/about \d/.test(replies[0]?.body ?? '')) failures++;
        if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { latencies, seconds: (performance.now() - started) / 1000, failures };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const PORT = 3917;
const DYNAMODB_PORT = 8917;

const section: BenchSection = {
  title: 'Webhook on the local stack (`npm start --memory` in its own process, loopback HTTP)',
  async run() {
    const stack = await startStackProcess({ port: PORT, dynamoPort: DYNAMODB_PORT });
    const client = createDocumentClient({ ...LOCAL_AWS, endpoint: `http://127.0.0.1:${DYNAMODB_PORT}` });
    try {
      const directory = new DynamoDirectoryRepository(client, 'switchboard-directory');
      const now = new Date();
      const today = businessDate(now, 'America/Chicago');
      // One customer per text (a customer asking three times in a few minutes goes to a person),
      // on routes of ten stops like a real day.
      const senders: string[][] = Array.from({ length: SENDERS }, () => []);
      for (let i = 0; i < SENDERS * TEXTS_PER_SENDER; i++) {
        const technicianId = `T-B${Math.floor(i / 10)}`;
        if (i % 10 === 0) {
          await directory.putTechnician({ id: technicianId, name: 'Bench Tech', location: { lat: 30.27, lng: -97.74, at: now.toISOString() } });
        }
        const phone = `+1512556${String(i).padStart(4, '0')}`;
        senders[i % SENDERS]!.push(phone);
        await directory.putCustomer({ id: `C-B${i}`, name: `Bench ${i}`, phones: [phone], language: 'en' });
        await directory.putAppointment({
          id: `A-B${i}`, customerId: `C-B${i}`, technicianId, date: today, window: { start: '00:00', end: '23:59' },
          address: { line1: `${i} Bench St`, lat: 30.27 + (i % 10) / 100, lng: -97.74 }, sequence: (i % 10) + 1, durationMinutes: 30, status: 'scheduled',
        });
      }
      const twilio = standInFor(PORT);
      // Warm up the handler, the model and the store (with numbers of no customer).
      for (let i = 0; i < 20; i++) await twilio.deliverInbound(`+1512557${String(i).padStart(4, '0')}`, 'hello');

      const command = 'npm run bench -- webhook';
      const rows: BenchRow[] = [];
      for (const { label, thinkMs } of LOADS) {
        const { latencies, seconds, failures } = await drive(twilio, senders.map((list) => list.splice(0, TEXTS_PER_SENDER / LOADS.length)), thinkMs);
        const p50 = percentile(latencies, 50);
        const p99 = percentile(latencies, 99);
        rows.push(
          { name: `ETA reply p50, ${SENDERS} concurrent senders ${label} (${latencies.length} texts)`, value: `${p50.toFixed(1)} ms`, budget: '', command },
          {
            name: `ETA reply p99, ${SENDERS} concurrent senders ${label}`,
            value: `${p99.toFixed(1)} ms`,
            budget: thinkMs > 0 ? '≤ 100 ms' : '',
            ok: thinkMs > 0 ? p99 <= 100 : undefined,
            command,
          },
          { name: `throughput, ${SENDERS} senders ${label}`, value: `${(latencies.length / seconds).toFixed(0)} texts/s`, budget: '', command },
          { name: `texts without a correct ETA reply (${label})`, value: String(failures), budget: '0', ok: failures === 0, command },
        );
      }
      return rows;
    } finally {
      client.destroy();
      stack.kill('SIGTERM');
    }
  },
};
export default section;
