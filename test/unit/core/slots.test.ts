import { describe, expect, test } from 'vitest';
import type { Appointment, Technician } from '../../../lambdas/core/domain/directory.js';
import type { Language } from '../../../lambdas/core/domain/language.js';
import { findOpenSlots, type Slot, type SlotSearchInput } from '../../../lambdas/core/schedule/find-open-slots.js';
import { parseSlotChoice, type SlotChoice } from '../../../lambdas/core/schedule/parse-slot-choice.js';
import { formatSlotOffer } from '../../../lambdas/core/schedule/slot-offer.js';
import { segmentInfo } from '../../../lambdas/core/text/sms-encoding.js';
import { formatDay, formatWindow } from '../../../lambdas/core/time/format.js';

const TZ = 'America/Chicago';
const AM = { start: '08:00', end: '12:00' };
const PM = { start: '13:00', end: '17:00' };
// Mon 2026-11-23, 10:00 in Chicago (UTC-6): the search starts on Tue 11/24.
const MONDAY_10AM = new Date('2026-11-23T16:00:00Z');

function booking(id: string, technicianId: string, date: string, window: { start: string; end: string }, over: Partial<Appointment> = {}): Appointment {
  return {
    id,
    customerId: `C-${id}`,
    technicianId,
    date,
    window,
    address: { line1: `${id} Main St`, lat: 30, lng: -97 },
    sequence: 1,
    durationMinutes: 60,
    status: 'scheduled',
    ...over,
  };
}

const technician = (id: string): Technician => ({ id, name: `Tech ${id}` });
/** The visit being moved: Fri 11/27 morning with T-2. */
const MOVED = booking('A-1', 'T-2', '2026-11-27', AM);

function search(over: Partial<SlotSearchInput> = {}): string[] {
  const input: SlotSearchInput = {
    now: MONDAY_10AM,
    timeZone: TZ,
    appointment: MOVED,
    technicians: [technician('T-1'), technician('T-2')],
    bookings: [MOVED],
    windows: [PM, AM],
    capacityPerWindow: 1,
    daysAhead: 7,
    ...over,
  };
  return findOpenSlots(input).map((slot) => `${slot.date} ${slot.window.start} ${slot.technicianId}`);
}

const full = (date: string, window: typeof AM, ...technicianIds: string[]) =>
  technicianIds.map((id, i) => booking(`B-${date}-${window.start}-${id}-${i}`, id, date, window));

describe('findOpenSlots', () => {
  test.each<[string, Partial<SlotSearchInput>, string[]]>([
    ['an empty calendar: earliest first, the visit’s own technician on a tie', {}, ['2026-11-24 08:00 T-2', '2026-11-24 13:00 T-2', '2026-11-25 08:00 T-2']],
    [
      'a window every technician has filled is skipped',
      { bookings: [MOVED, ...full('2026-11-24', AM, 'T-1', 'T-2')] },
      ['2026-11-24 13:00 T-2', '2026-11-25 08:00 T-2', '2026-11-25 13:00 T-2'],
    ],
    [
      'a full technician leaves the window to the other one',
      { bookings: [MOVED, ...full('2026-11-24', AM, 'T-2')] },
      ['2026-11-24 08:00 T-1', '2026-11-24 13:00 T-2', '2026-11-25 08:00 T-2'],
    ],
    [
      'with capacity 3, the least-loaded technician wins over the visit’s own',
      { capacityPerWindow: 3, bookings: [MOVED, ...full('2026-11-24', AM, 'T-2', 'T-2', 'T-1')], limit: 1 },
      ['2026-11-24 08:00 T-1'],
    ],
    [
      'a cancelled booking frees its place',
      {
        bookings: [MOVED, ...full('2026-11-24', AM, 'T-1'), booking('B-X', 'T-2', '2026-11-24', AM, { status: 'cancelled' })],
        limit: 1,
      },
      ['2026-11-24 08:00 T-2'],
    ],
    [
      'completed and en-route visits still take their place',
      {
        bookings: [
          booking('B-1', 'T-1', '2026-11-24', AM, { status: 'completed' }),
          booking('B-2', 'T-2', '2026-11-24', AM, { status: 'en_route' }),
        ],
        limit: 1,
      },
      ['2026-11-24 13:00 T-2'],
    ],
    [
      'the moved visit takes no place, even where the store already lists it elsewhere',
      { technicians: [technician('T-2')], bookings: [{ ...MOVED, date: '2026-11-24' }], limit: 1 },
      ['2026-11-24 08:00 T-2'],
    ],
    [
      'the visit’s current date and window is never offered',
      { appointment: booking('A-1', 'T-2', '2026-11-24', AM), bookings: [] },
      ['2026-11-24 13:00 T-2', '2026-11-25 08:00 T-2', '2026-11-25 13:00 T-2'],
    ],
    [
      'a booking outside the standard windows takes a place in each window it overlaps',
      { bookings: full('2026-11-24', { start: '11:00', end: '14:00' }, 'T-1', 'T-2'), limit: 1 },
      ['2026-11-25 08:00 T-2'],
    ],
    [
      'ties between other technicians go to the lowest id, whatever the input order',
      { appointment: booking('A-1', 'T-9', '2026-11-27', AM), technicians: [technician('T-3'), technician('T-10'), technician('T-2')], limit: 1 },
      ['2026-11-24 08:00 T-10'],
    ],
    [
      'Sunday is closed by default',
      { now: new Date('2026-11-21T16:00:00Z'), limit: 3 },
      ['2026-11-23 08:00 T-2', '2026-11-23 13:00 T-2', '2026-11-24 08:00 T-2'],
    ],
    [
      'closed weekdays are configurable',
      { now: new Date('2026-11-21T16:00:00Z'), closedWeekdays: [0, 1], limit: 1 },
      ['2026-11-24 08:00 T-2'],
    ],
    ['limit', { limit: 5 }, ['2026-11-24 08:00 T-2', '2026-11-24 13:00 T-2', '2026-11-25 08:00 T-2', '2026-11-25 13:00 T-2', '2026-11-26 08:00 T-2']],
    ['limit 0', { limit: 0 }, []],
    ['nothing open within daysAhead', { daysAhead: 1, bookings: [...full('2026-11-24', AM, 'T-1', 'T-2'), ...full('2026-11-24', PM, 'T-1', 'T-2')] }, []],
    ['no technicians serve the area', { technicians: [] }, []],
    [
      // 11:30 pm Fri 11/20 in Chicago is already Sat 11/21 in UTC: the search starts on Saturday, not Monday.
      'at 11:30 pm local the next business day is tomorrow local, not tomorrow UTC',
      { now: new Date('2026-11-21T05:30:00Z'), limit: 2 },
      ['2026-11-21 08:00 T-2', '2026-11-21 13:00 T-2'],
    ],
    [
      'a window starting within the lead time is not offered (8 am is 8.5 h after 11:30 pm)',
      { now: new Date('2026-11-21T05:30:00Z'), leadMinutes: 600, limit: 1 },
      ['2026-11-21 13:00 T-2'],
    ],
  ])('%s', (_label, over, expected) => {
    expect(search(over)).toEqual(expected);
  });

  test('is deterministic and does not touch its input', () => {
    const technicians = [technician('T-2'), technician('T-1')];
    const windows = [PM, AM];
    const first = search({ technicians, windows });
    expect(search({ technicians, windows })).toEqual(first);
    expect(technicians.map((t) => t.id)).toEqual(['T-2', 'T-1']);
    expect(windows).toEqual([PM, AM]);
  });
});

const slot = (date: string, window: typeof AM, technicianId = 'T-1'): Slot => ({ date, window, technicianId });
// Offered on Tue 11/24 at 10:00 Chicago: "tomorrow" is Wed 11/25.
const TUESDAY_10AM = new Date('2026-11-24T16:00:00Z');
const WED_WED_THU = [slot('2026-11-25', AM), slot('2026-11-25', PM), slot('2026-11-26', AM)];
const THU_MON_TUE = [slot('2026-11-26', PM), slot('2026-11-30', AM), slot('2026-12-01', AM)];

const pick = (index: number): SlotChoice => ({ kind: 'slot', index });
const NONE: SlotChoice = { kind: 'none' };
const OUT_OF_RANGE: SlotChoice = { kind: 'out_of_range' };
const UNCLEAR: SlotChoice = { kind: 'unclear' };

describe('parseSlotChoice', () => {
  test.each<[string, Language, Slot[], SlotChoice]>([
    ['2', 'en', WED_WED_THU, pick(1)],
    ['option 2', 'en', WED_WED_THU, pick(1)],
    ['#2', 'en', WED_WED_THU, pick(1)],
    ['2)', 'en', WED_WED_THU, pick(1)],
    [' 3. ', 'en', WED_WED_THU, pick(2)],
    ['the second one', 'en', WED_WED_THU, pick(1)],
    ['2nd pls', 'en', WED_WED_THU, pick(1)],
    ['one', 'en', WED_WED_THU, pick(0)],
    ['first one works', 'en', WED_WED_THU, pick(0)],
    ['the last one', 'en', WED_WED_THU, pick(2)],
    ['Ok 3 thanks', 'en', WED_WED_THU, pick(2)],
    ['segunda', 'es', WED_WED_THU, pick(1)],
    ['la 2', 'es', WED_WED_THU, pick(1)],
    ['Opción 3 por favor', 'es', WED_WED_THU, pick(2)],
    ['la primera', 'es', WED_WED_THU, pick(0)],
    ['tres', 'es', WED_WED_THU, pick(2)],
  ])('a number: %j (%s)', (text, language, slots, expected) => {
    expect(parseSlotChoice(text, slots, language, TZ, TUESDAY_10AM)).toEqual(expected);
  });

  test.each<[string, Language, Slot[], SlotChoice]>([
    ['thursday afternoon', 'en', THU_MON_TUE, pick(0)],
    ['Thurs aftn', 'en', THU_MON_TUE, pick(0)],
    ['thrusday afternon', 'en', THU_MON_TUE, pick(0)],
    ['tues', 'en', THU_MON_TUE, pick(2)],
    ['monday morning works', 'en', THU_MON_TUE, pick(1)],
    ['jueves en la tarde', 'es', THU_MON_TUE, pick(0)],
    ['el martes por la mañana', 'es', THU_MON_TUE, pick(2)],
    ['LUNES', 'es', THU_MON_TUE, pick(1)],
    ['thu am', 'en', WED_WED_THU, pick(2)],
    ['the thursday one', 'en', WED_WED_THU, pick(2)],
    ["I'm free thursday", 'en', WED_WED_THU, pick(2)],
    ['wed pm', 'en', WED_WED_THU, pick(1)],
    ['tomorrow morning', 'en', WED_WED_THU, pick(0)],
    ['tmrw afternoon', 'en', WED_WED_THU, pick(1)],
    ['mañana en la mañana', 'es', WED_WED_THU, pick(0)],
    ['manana por la tarde', 'es', WED_WED_THU, pick(1)],
    ['pasado mañana', 'es', WED_WED_THU, pick(2)],
    ['la tarde', 'es', WED_WED_THU, pick(1)],
    ['Wed 11/25 1-5 pm', 'en', WED_WED_THU, pick(1)],
    ['wed 8-12', 'en', WED_WED_THU, pick(0)],
    ['miércoles a las 2', 'es', WED_WED_THU, pick(1)],
    ['11/26', 'en', WED_WED_THU, pick(2)],
    ['26/11', 'es', WED_WED_THU, pick(2)],
    ['thursday the 26th', 'en', WED_WED_THU, pick(2)],
    ['2, wednesday afternoon', 'en', WED_WED_THU, pick(1)],
  ])('a day or time: %j (%s)', (text, language, slots, expected) => {
    expect(parseSlotChoice(text, slots, language, TZ, TUESDAY_10AM)).toEqual(expected);
  });

  test.each<[string, Language, SlotChoice]>([
    ['none of these', 'en', NONE],
    ['NONE', 'en', NONE],
    ['neither', 'en', NONE],
    ['no, none of them', 'en', NONE],
    ["I can't do any of these", 'en', NONE],
    ['ninguno', 'es', NONE],
    ['Ninguna', 'es', NONE],
    ['otro día', 'es', NONE],
    ['4', 'en', OUT_OF_RANGE],
    ['0', 'en', OUT_OF_RANGE],
    ['option 7', 'en', OUT_OF_RANGE],
    ['la 5', 'es', OUT_OF_RANGE],
    ['wednesday', 'en', UNCLEAR],
    ['mañana', 'es', UNCLEAR],
    ['en la mañana', 'es', UNCLEAR],
    ['friday', 'en', UNCLEAR],
    ['1 or 2', 'en', UNCLEAR],
    ['either is fine', 'en', UNCLEAR],
    ['cualquiera', 'es', UNCLEAR],
    ['not wednesday', 'en', UNCLEAR],
    ['none, 2', 'en', UNCLEAR],
    ['3, wednesday', 'en', UNCLEAR],
    ['wed 1', 'en', UNCLEAR],
    ['yes', 'en', UNCLEAR],
    ['what?', 'en', UNCLEAR],
    ['', 'en', UNCLEAR],
    ['my water heater has been leaking for 2 days now', 'en', UNCLEAR],
    ['call me at 5125550101', 'en', UNCLEAR],
  ])('%j (%s) is %o', (text, language, expected) => {
    expect(parseSlotChoice(text, WED_WED_THU, language, TZ, TUESDAY_10AM)).toEqual(expected);
  });

  test.each<[Language, Slot[]]>([
    ['en', WED_WED_THU],
    ['es', WED_WED_THU],
    ['en', THU_MON_TUE],
    ['es', THU_MON_TUE],
  ])('echoing a line of the %s offer picks that line', (language, slots) => {
    slots.forEach((offered, index) => {
      const line = `${formatDay(offered.date, language)} ${formatWindow(offered.date, offered.window, TZ)}`;
      expect(parseSlotChoice(line, slots, language, TZ, TUESDAY_10AM), line).toEqual(pick(index));
    });
  });
});

describe('formatSlotOffer', () => {
  test.each<[Language, Slot[], string]>([
    [
      'en',
      WED_WED_THU,
      '1) Wed 11/25 8 am-12 pm 2) Wed 11/25 1-5 pm 3) Thu 11/26 8 am-12 pm. Reply 1, 2 or 3, or NONE for a person.',
    ],
    [
      'es',
      WED_WED_THU,
      '1) mie 25/11 8 am-12 pm 2) mie 25/11 1-5 pm 3) jue 26/11 8 am-12 pm. Responda 1, 2 o 3, o NINGUNO para hablar con una persona.',
    ],
    ['en', WED_WED_THU.slice(0, 2), '1) Wed 11/25 8 am-12 pm 2) Wed 11/25 1-5 pm. Reply 1 or 2, or NONE for a person.'],
    ['en', WED_WED_THU.slice(0, 1), '1) Wed 11/25 8 am-12 pm. Reply 1, or NONE for a person.'],
    ['en', [], 'No open times in the coming days. Reply NONE for a person.'],
  ])('%s: %j', (language, slots, expected) => {
    expect(formatSlotOffer(slots, language, TZ)).toBe(expected);
  });

  // Two-digit months and days with the widest windows: the longest offer three standard slots make.
  const WIDEST = [slot('2026-12-30', { start: '10:30', end: '12:30' }), slot('2026-12-30', { start: '12:30', end: '16:30' }), slot('2026-12-31', { start: '10:30', end: '12:30' })];
  test.each<[Language, Slot[]]>([
    ['en', WED_WED_THU],
    ['es', WED_WED_THU],
    ['en', WIDEST],
    ['es', WIDEST],
  ])('three slots fit one GSM-7 segment and never ask for the bare word CANCEL (%s)', (language, slots) => {
    const offer = formatSlotOffer(slots, language, TZ);
    expect(segmentInfo(offer)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(offer).not.toMatch(/\bcancel\b/i);
  });
});
