import { performance } from 'node:perf_hooks';
import type { Appointment, Technician } from '../lambdas/core/domain/directory.js';
import { findOpenSlots, type SlotSearchInput } from '../lambdas/core/schedule/find-open-slots.js';
import { addDays } from '../lambdas/core/time/business-time.js';
import type { BenchRow, BenchSection } from './bench-row.js';

/**
 * Slot search for a reschedule (issue 5): 50 technicians with 8 visits a day each, every
 * window full but the last one searched, so each run indexes every booking and looks at every
 * technician in every window. Timed per call, index building included.
 */
const TECHNICIANS = 50;
const VISITS_PER_WINDOW = 4;
const WINDOWS = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const RUNS = 2000;
const WARM_UP = 200;
const BUDGET_MS = 5;
const COMMAND = 'npm run bench -- slots';
// Mon 2026-11-23, 10:00 in Chicago; Sundays are open here so every day searched is a working day.
const NOW = new Date('2026-11-23T16:00:00Z');
const FIRST_DAY = '2026-11-24';

function scenario(days: number): SlotSearchInput {
  const technicians: Technician[] = Array.from({ length: TECHNICIANS }, (_, i) => ({ id: `T-${String(i).padStart(2, '0')}`, name: `Tech ${i}` }));
  const bookings: Appointment[] = [];
  for (let day = 0; day < days; day++) {
    const date = addDays(FIRST_DAY, day);
    for (const technician of technicians) {
      for (const window of WINDOWS) {
        for (let n = 0; n < VISITS_PER_WINDOW; n++) {
          bookings.push({
            id: `A-${date}-${technician.id}-${window.start}-${n}`,
            customerId: `C-${bookings.length}`,
            technicianId: technician.id,
            date,
            window,
            address: { line1: `${bookings.length} Main St`, lat: 30, lng: -97 },
            sequence: bookings.length,
            durationMinutes: 45,
            status: 'scheduled',
          });
        }
      }
    }
  }
  // One place left, in the last window of the last day, with the last technician.
  bookings[bookings.length - 1]!.status = 'cancelled';
  return {
    now: NOW,
    timeZone: 'America/Chicago',
    appointment: { ...bookings[0]!, id: 'A-moved' },
    technicians,
    bookings,
    windows: WINDOWS,
    capacityPerWindow: VISITS_PER_WINDOW,
    daysAhead: days,
    closedWeekdays: [],
  };
}

function timeSearch(input: SlotSearchInput): { median: number; p99: number } {
  for (let i = 0; i < WARM_UP; i++) findOpenSlots(input);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const found = findOpenSlots(input);
    samples.push(performance.now() - start);
    if (found.length !== 1) throw new Error(`expected the one open place, found ${found.length}`);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(RUNS / 2)]!, p99: samples[Math.min(RUNS - 1, Math.floor(RUNS * 0.99))]! };
}

const section: BenchSection = {
  title: 'Slot search (reschedule by text)',
  async run() {
    const rows: BenchRow[] = [];
    for (const days of [1, 7, 14]) {
      const input = scenario(days);
      const { median, p99 } = timeSearch(input);
      const what = `${TECHNICIANS} technicians × 8 visits × ${days} day${days > 1 ? 's' : ''} (${input.bookings.length} bookings)`;
      rows.push(
        { name: `slot search median, ${what}`, value: `${median.toFixed(3)} ms`, budget: `≤ ${BUDGET_MS} ms`, ok: median <= BUDGET_MS, command: COMMAND },
        { name: `slot search p99 of ${RUNS}, ${what}`, value: `${p99.toFixed(3)} ms`, budget: `≤ ${BUDGET_MS} ms`, ok: p99 <= BUDGET_MS, command: COMMAND },
      );
    }
    return rows;
  },
};

export default section;
