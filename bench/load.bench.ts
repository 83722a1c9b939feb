import { createDocumentClient } from '../lambdas/adapters/dynamodb/document-client.js';
import { DynamoConversationRepository } from '../lambdas/adapters/dynamodb/conversation-repository.js';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { businessDate } from '../lambdas/core/time/business-time.js';
import { LOCAL_AWS } from '../local/dynalite-store.js';
import type { TwilioStandIn } from '../local/twilio-stand-in.js';
import type { BenchRow, BenchSection } from './bench-row.js';
import { percentile, phoneFor, startLocalProcess } from './support/local-process.js';

/**
 * Sustained load on the local stack (its own process, loopback only, stops by itself):
 * an open-loop generator offers TARGET_RATE signed texts per second for DURATION_S seconds
 * across NUMBERS numbers — customers asking for their ETA (which repeats into a handoff),
 * customers asking for a person, and unknown numbers (verification, then a handoff).
 *
 * First a warm-up of WARM_UP_S seconds at the same rate on another NUMBERS numbers (same mix,
 * not counted): a fresh process runs its first seconds on cold JIT code, which is a start-up
 * cost, not the sustained rate. Then the measured run, whose first texts still open 1,000 new
 * conversations at once (the heaviest texts).
 *
 * MAX_IN_FLIGHT is a safety valve that keeps the bench bounded if the stack falls behind: a text
 * due while that many are open is held back and counted, and any held back fails the budget
 * (the stack did not keep up). Afterwards every number's transcript is read from the store:
 * each sid sent must appear once.
 */
/** The rate the budget asks for; LOAD_RATE offers more (or less) to look for the limit. */
const REQUIRED_RATE = 200;
const TARGET_RATE = Number(process.env.LOAD_RATE ?? REQUIRED_RATE);
const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 60);
const WARM_UP_S = 10;
const NUMBERS = 1000;
const MAX_IN_FLIGHT = 256;
const PORT = 3918;
const DYNAMODB_PORT = 8918;
const COMMAND = 'npm run bench -- load';

type Kind = 'eta' | 'handoff' | 'unknown';
/** 70% ETA questions, 15% asking for a person, 15% numbers nobody has on file. */
const kindOf = (i: number): Kind => (i % 20 < 14 ? 'eta' : i % 20 < 17 ? 'handoff' : 'unknown');
const TEXTS: Record<Kind, string[]> = {
  eta: ['where is my technician?', 'when will the tech get here', 'is the installer still coming today?'],
  handoff: ['I want to talk to a person', 'my bill is wrong', 'can someone call me'],
  unknown: ['hi is my appointment today', '512 555 0000', 'where is the tech'],
};
/** Numbers 0..NUMBERS-1 are measured; NUMBERS..2*NUMBERS-1 are the warm-up's. */
const phoneOf = (i: number) => `+151255${80000 + i}`;

async function seed(directory: DynamoDirectoryRepository, now: Date): Promise<void> {
  const today = businessDate(now, 'America/Chicago');
  for (let i = 0; i < 2 * NUMBERS; i++) {
    if (kindOf(i) === 'unknown') continue;
    const technicianId = `T-L${Math.floor(i / 10)}`;
    if (i % 10 === 0) await directory.putTechnician({ id: technicianId, name: 'Load Tech', location: { lat: 30.27, lng: -97.74, at: now.toISOString() } });
    await directory.putCustomer({ id: `C-L${i}`, name: `Load ${i}`, phones: [phoneOf(i)], language: 'en' });
    await directory.putAppointment({
      id: `A-L${i}`, customerId: `C-L${i}`, technicianId, date: today, window: { start: '00:00', end: '23:59' },
      address: { line1: `${i} Load St`, lat: 30.27 + (i % 10) / 100, lng: -97.74 }, sequence: (i % 10) + 1, durationMinutes: 30, status: 'scheduled',
    });
  }
}

interface Sent {
  sid: string;
  phone: string;
  status: number;
}

/**
 * Offers one text every 1000/TARGET_RATE ms for `seconds` to the numbers from `first` on;
 * returns what was sent, how long until the last answer, and the most texts open at once.
 */
async function drive(twilio: TwilioStandIn, seconds: number, first: number) {
  const sent: Sent[] = [];
  const latencies: number[] = [];
  const turn = new Array<number>(NUMBERS).fill(0);
  let peak = 0;
  const inFlight = new Set<Promise<void>>();
  let skipped = 0;
  const started = performance.now();
  const total = TARGET_RATE * seconds;
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / TARGET_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size >= MAX_IN_FLIGHT) {
      skipped++;
      continue;
    }
    const i = (n * 7919) % NUMBERS;
    const phone = phoneOf(first + i);
    const texts = TEXTS[kindOf(i)];
    const body = texts[turn[i]! % texts.length]!;
    turn[i] = turn[i]! + 1;
    const t = performance.now();
    const delivery = twilio.deliverInbound(phone, body);
    // The stand-in files the text in its inbox before it posts it, so this is the sid just sent.
    const sid = twilio.listInbox(phone).at(-1)!.sid;
    const request = delivery.then(
      ({ status }) => {
        latencies.push(performance.now() - t);
        sent.push({ sid, phone, status });
      },
      () => {
        sent.push({ sid, phone, status: 0 });
      },
    );
    inFlight.add(request);
    peak = Math.max(peak, inFlight.size);
    void request.finally(() => inFlight.delete(request));
  }
  await Promise.all(inFlight);
  return { sent, latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, skipped, offered: total, peak };
}

/** Counts, per sid sent, the customer's entries in the store: 0 is lost, more than 1 duplicated. */
async function audit(conversations: DynamoConversationRepository, sent: Sent[]) {
  const seen = new Map<string, number>();
  for (const phone of new Set(sent.map((s) => s.phone))) {
    const thread = await conversations.getThread({ channel: 'sms', phone });
    if (!thread?.conversationId) continue;
    for (const message of await conversations.listMessages(thread.conversationId)) {
      if (message.direction === 'inbound') seen.set(message.sid, (seen.get(message.sid) ?? 0) + 1);
    }
  }
  const lost = sent.filter((s) => !seen.has(s.sid)).length;
  const duplicated = [...seen.values()].filter((count) => count > 1).length;
  return { lost, duplicated };
}


const section: BenchSection = {
  title: `Sustained load on the local stack (${TARGET_RATE} texts/s offered for ${DURATION_S} s, ${NUMBERS} numbers, own process, loopback)`,
  async run() {
    const stack = await startLocalProcess(PORT, DYNAMODB_PORT);
    const client = createDocumentClient({ ...LOCAL_AWS, endpoint: `http://127.0.0.1:${DYNAMODB_PORT}` });
    try {
      await seed(new DynamoDirectoryRepository(client, 'switchboard-directory'), new Date());
      const twilio = phoneFor(PORT);
      await drive(twilio, WARM_UP_S, NUMBERS);
      const run = await drive(twilio, DURATION_S, 0);
      const { lost, duplicated } = await audit(new DynamoConversationRepository(client, 'switchboard-conversations'), run.sent);
      const answered = run.sent.filter((s) => s.status === 200).length;
      const rate = answered / run.seconds;
      const keptUp = TARGET_RATE >= REQUIRED_RATE && run.skipped === 0 && answered === run.offered;
      const mix = 'mix: 70% ETA, 15% ask for a person, 15% unknown numbers';
      return [
        {
          name: `texts answered per second, first send to last answer (${mix}; after a ${WARM_UP_S} s warm-up on ${NUMBERS} other numbers)`,
          value: `${rate.toFixed(1)} texts/s: ${answered} of ${run.offered} offered answered, ${run.skipped} held back`,
          budget: `≥ ${REQUIRED_RATE} texts/s offered, every one answered, none held back`,
          ok: keptUp,
          command: COMMAND,
        },
        { name: 'most texts open at once (a backlog shows here first)', value: String(run.peak), budget: `< ${MAX_IN_FLIGHT} (then texts are held back)`, ok: run.peak < MAX_IN_FLIGHT, command: COMMAND },
        { name: 'webhook latency p50 under that load', value: `${percentile(run.latencies, 50).toFixed(0)} ms`, budget: '', command: COMMAND },
        { name: 'webhook latency p99 under that load', value: `${percentile(run.latencies, 99).toFixed(0)} ms`, budget: '≤ 5,000 ms (webhook budget)', ok: percentile(run.latencies, 99) <= 5000, command: COMMAND },
        { name: 'texts answered other than 200 (5xx, network)', value: String(run.sent.length - answered), budget: '0', ok: run.sent.length === answered, command: COMMAND },
        { name: 'texts lost / duplicated in the transcript (sids sent vs entries stored)', value: `${lost} / ${duplicated}`, budget: '0 / 0', ok: lost === 0 && duplicated === 0, command: COMMAND },
      ] satisfies BenchRow[];
    } finally {
      client.destroy();
      stack.kill('SIGTERM');
    }
  },
};
export default section;
