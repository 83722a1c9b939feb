import { describe, expect, test } from 'vitest';
import type { Appointment, Technician } from '../../../lambdas/core/domain/directory.js';
import { estimateArrival, type RouteLookup } from '../../../lambdas/core/eta/estimate-arrival.js';
import { haversineKm, haversineTravelTime } from '../../../lambdas/core/eta/travel-time.js';
import { arrivalReply } from '../../../intents/technician-eta/replies.js';
import { segmentInfo, toSmsBody } from '../../../lambdas/core/text/sms-encoding.js';

const TZ = 'America/Chicago';
// 2026-11-21 13:00 in Chicago (UTC-6).
const NOW = new Date('2026-11-21T19:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const settings = { timeZone: TZ, locationMaxAgeMinutes: 30 };
// 1 km of road per minute: a leg's minutes are its km × 1.5 / 60 km/h × 60.
const travel = haversineTravelTime({ roadFactor: 1.5, averageSpeedKmh: 60 });

const depot = { lat: 30.0, lng: -97.0 };
const north = (km: number) => ({ lat: depot.lat + km / 111.195, lng: depot.lng });

function visit(id: string, sequence: number, over: Partial<Appointment> = {}): Appointment {
  return {
    id,
    customerId: `C-${id}`,
    technicianId: 'T-7',
    date: '2026-11-21',
    window: { start: '12:00', end: '17:00' },
    address: { line1: `${id} Main St`, ...north(sequence * 10) },
    sequence,
    durationMinutes: 30,
    status: 'scheduled',
    ...over,
  };
}

const sam: Technician = { id: 'T-7', name: 'Sam Lee', location: { ...depot, at: minutesAgo(2) } };

function lookup(route: Appointment[], technician: Technician | undefined = sam): RouteLookup {
  return {
    getTechnician: async () => technician,
    listRoute: async () => route,
  };
}

const hhmm = (d: Date) => d.toLocaleTimeString('en-US', { timeZone: TZ, hour: 'numeric', minute: '2-digit' });

describe('estimateArrival', () => {
  test('counts travel legs and job durations of the stops ahead, in route order', async () => {
    // Depot → stop 1 (10 km: 15 min) + 30 min job → stop 2 (10 km: 15 min) + 30 → us (10 km: 15 min) = 105 min.
    const route = [visit('A', 1), visit('B', 2), visit('ME', 3)];
    const answer = await estimateArrival([route[2]!], NOW, lookup(route), travel, settings);
    expect(answer.kind).toBe('estimate');
    if (answer.kind !== 'estimate') return;
    expect(answer.stopsAhead).toBe(2);
    expect(hhmm(answer.earliest)).toBe('2:45 PM');
    expect(answer.latest.getTime() - answer.earliest.getTime()).toBeGreaterThanOrEqual(15 * 60_000);
  });

  test.each([
    ['completed stops', 'completed'],
    ['cancelled stops', 'cancelled'],
  ] as const)('skips %s', async (_label, status) => {
    const route = [visit('A', 1, { status }), visit('B', 2, { status }), visit('ME', 3)];
    const answer = await estimateArrival([route[2]!], NOW, lookup(route), travel, settings);
    expect(answer).toMatchObject({ kind: 'estimate', stopsAhead: 0 });
    if (answer.kind === 'estimate') expect(hhmm(answer.earliest)).toBe('1:45 PM'); // 30 km: 45 min
  });

  test('a job in progress counts only its remaining time', async () => {
    // On site at A (10 km north) for 20 of 30 minutes: 10 left, then 20 km to us (30 min).
    const route = [visit('A', 1, { status: 'on_site', statusAt: minutesAgo(20) }), visit('ME', 3)];
    const technician = { ...sam, location: { ...north(10), at: minutesAgo(1) } };
    const answer = await estimateArrival([route[1]!], NOW, lookup(route, technician), travel, settings);
    expect(answer).toMatchObject({ kind: 'estimate', stopsAhead: 1 });
    if (answer.kind === 'estimate') expect(hhmm(answer.earliest)).toBe('1:40 PM');
  });

  test('never promises arrival before the booked window starts', async () => {
    const me = visit('ME', 1, { window: { start: '15:00', end: '17:00' } });
    const answer = await estimateArrival([me], NOW, lookup([me]), travel, settings);
    if (answer.kind !== 'estimate') throw new Error(answer.kind);
    expect(hhmm(answer.earliest)).toBe('3:00 PM');
    expect(answer.late).toBe(false);
  });

  test('flags an estimate that runs past the window', async () => {
    const me = visit('ME', 1, { window: { start: '08:00', end: '12:00' } });
    const answer = await estimateArrival([me], NOW, lookup([me]), travel, settings);
    expect(answer).toMatchObject({ kind: 'estimate', late: true });
  });

  test.each([
    ['no appointment at all', [], 'no_appointment'],
    ['a visit on another day', [visit('ME', 1, { date: '2026-11-24' })], 'other_day'],
    ['a completed visit', [visit('ME', 1, { status: 'completed' })], 'completed'],
    ['the technician on site', [visit('ME', 1, { status: 'on_site' })], 'on_site'],
    ['a cancelled visit and none ahead', [visit('ME', 1, { status: 'cancelled' })], 'cancelled'],
  ] as const)('%s → %s', async (_label, appointments, kind) => {
    const answer = await estimateArrival([...appointments], NOW, lookup([...appointments]), travel, settings);
    expect(answer.kind).toBe(kind);
  });

  test('prefers today over a later visit, and a later visit over a cancelled one today', async () => {
    const later = visit('LATER', 1, { date: '2026-11-25' });
    const cancelled = visit('TODAY', 1, { status: 'cancelled' });
    expect(await estimateArrival([later, visit('ME', 1)], NOW, lookup([visit('ME', 1)]), travel, settings)).toMatchObject({
      kind: 'estimate',
    });
    expect(await estimateArrival([cancelled, later], NOW, lookup([]), travel, settings)).toMatchObject({
      kind: 'other_day',
      appointment: { id: 'LATER' },
    });
  });

  test.each([
    ['older than the limit', { ...sam, location: { ...depot, at: minutesAgo(45) } }, 'stale_location'],
    ['never reported', { ...sam, location: undefined }, 'no_location'],
  ])('falls back to the booked window when the location is %s', async (_label, technician, reason) => {
    const route = [visit('A', 1), visit('ME', 2)];
    const answer = await estimateArrival([route[1]!], NOW, lookup(route, technician), travel, settings);
    expect(answer).toMatchObject({ kind: 'window_only', reason, stopsAhead: 1 });
  });
});

describe('arrivalReply', () => {
  test.each(['en', 'es'] as const)('every case reads as one GSM-7 segment in %s', async (language) => {
    const route = [visit('A', 1), visit('ME', 2)];
    const cases = [
      await estimateArrival([route[1]!], NOW, lookup(route), travel, settings),
      await estimateArrival([], NOW, lookup([]), travel, settings),
      await estimateArrival([visit('ME', 1, { date: '2026-11-24' })], NOW, lookup([]), travel, settings),
      await estimateArrival([visit('ME', 1, { status: 'completed', statusAt: minutesAgo(30) })], NOW, lookup([]), travel, settings),
      await estimateArrival([visit('ME', 1, { status: 'on_site' })], NOW, lookup([]), travel, settings),
      await estimateArrival([route[1]!], NOW, lookup(route, { ...sam, location: undefined }), travel, settings),
    ];
    for (const answer of cases) {
      const body = toSmsBody(arrivalReply(answer, language, TZ));
      expect(segmentInfo(body), body).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    }
  });

  test('names the technician by first name with a clock-time range and the stops ahead', async () => {
    const route = [visit('A', 1), visit('ME', 2)];
    const answer = await estimateArrival([route[1]!], NOW, lookup(route), travel, settings);
    expect(arrivalReply(answer, 'en', TZ)).toMatch(/^Sam should arrive about \d{1,2}:\d\d-\d{1,2}:\d\d pm, with 1 stop before yours\.$/);
    expect(arrivalReply(answer, 'es', TZ)).toMatch(/^Sam llegara aprox\. .* tiene 1 parada antes de la suya\.$/);
  });

  test('says when a visit on another day is', async () => {
    const answer = await estimateArrival([visit('ME', 1, { date: '2026-11-24', window: { start: '08:00', end: '12:00' } })], NOW, lookup([]), travel, settings);
    expect(arrivalReply(answer, 'en', TZ)).toContain('Tue 11/24, 8 am-12 pm');
  });
});

test('haversine distance matches a known pair (Austin → Dallas ≈ 293 km)', () => {
  expect(haversineKm({ lat: 30.2672, lng: -97.7431 }, { lat: 32.7767, lng: -96.797 })).toBeCloseTo(293, -1);
});
