import { startLocalStack } from '../local/local-stack.js';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { businessDate } from '../lambdas/core/time/business-time.js';
import type { BenchRow, BenchSection } from './bench-row.js';

/**
 * ETA replies through the local stack: 20 senders (one customer each, all on one
 * technician's route) text "where is my technician?" at once, over and over. Each sample
 * is a signed webhook request answered with TwiML, over loopback HTTP, on the embedded store.
 */
const SENDERS = 20;
const TEXTS_PER_SENDER = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const section: BenchSection = {
  title: 'Webhook on the local stack (loopback HTTP, embedded store)',
  async run() {
    const stack = await startLocalStack({ env: { ...process.env, PUBLIC_BASE_URL: undefined } });
    try {
      const directory = new DynamoDirectoryRepository(stack.store.client, stack.settings.DIRECTORY_TABLE);
      const now = new Date();
      const today = businessDate(now, stack.settings.BUSINESS_TIMEZONE);
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
      // Warm up the handler, the model and the store.
      await stack.twilio.deliverInbound(phones[0]!, 'where is my technician?');

      const latencies: number[] = [];
      let failures = 0;
      const started = performance.now();
      await Promise.all(
        phones.map(async (phone) => {
          for (let i = 0; i < TEXTS_PER_SENDER; i++) {
            const t = performance.now();
            const { status, replies } = await stack.twilio.deliverInbound(phone, 'where is my technician?');
            latencies.push(performance.now() - t);
            if (status !== 200 || !/arrive about/.test(replies[0]?.body ?? '')) failures++;
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
        { name: 'throughput with 20 senders', value: `${(latencies.length / seconds).toFixed(0)} texts/s`, budget: '', command },
        { name: 'texts without a correct ETA reply', value: String(failures), budget: '0', ok: failures === 0, command },
      ];
      return rows;
    } finally {
      await stack.close();
    }
  },
};
export default section;
