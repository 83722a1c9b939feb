import type { Appointment, Technician } from '../domain/directory.js';
import { addDays, businessDate, zonedInstant } from '../time/business-time.js';

/** A bookable arrival window, HH:mm in the business timezone ("08:00"-"12:00"). */
export interface SlotWindow {
  start: string;
  end: string;
}

export interface Slot {
  /** Calendar date in the business timezone, YYYY-MM-DD. */
  date: string;
  window: SlotWindow;
  technicianId: string;
}

export interface SlotSearchInput {
  now: Date;
  timeZone: string;
  /** The visit being moved (its own booking does not count against capacity, and its current date+window is never offered). */
  appointment: Appointment;
  /** Technicians serving the visit's area (already filtered by the caller). */
  technicians: Technician[];
  /** Every appointment of those technicians on the days searched (any status; cancelled ones free their place). */
  bookings: Appointment[];
  windows: SlotWindow[];
  /** Visits one technician takes per window. */
  capacityPerWindow: number;
  /** Search today+1 .. today+daysAhead (business timezone), skipping `closedWeekdays`. */
  daysAhead: number;
  /** 0 = Sunday; default [0]. */
  closedWeekdays?: number[];
  /** A window must start at least this many minutes after `now` to be offered (default 120). */
  leadMinutes?: number;
  /** Default 3. */
  limit?: number;
}

const DEFAULT_CLOSED_WEEKDAYS = [0];
const DEFAULT_LEAD_MINUTES = 120;
const DEFAULT_LIMIT = 3;
const MINUTE = 60_000;

/** Whether two HH:mm ranges share any time (zero-padded HH:mm compares as text). */
function overlaps(a: SlotWindow, b: SlotWindow): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Open places for a visit being moved, earliest first: at most one per (date, window),
 * each given to the least-loaded technician there (the visit's own technician on a tie,
 * then the lowest id). A booking takes a place in every offered window its own window
 * overlaps, so a visit booked outside the standard windows is never double-booked over.
 */
export function findOpenSlots(input: SlotSearchInput): Slot[] {
  const { now, timeZone, appointment, technicians, capacityPerWindow } = input;
  const limit = input.limit ?? DEFAULT_LIMIT;
  const closed = new Set(input.closedWeekdays ?? DEFAULT_CLOSED_WEEKDAYS);
  const earliestStart = now.getTime() + (input.leadMinutes ?? DEFAULT_LEAD_MINUTES) * MINUTE;
  const windows = [...input.windows].sort((a, b) => a.start.localeCompare(b.start));
  const load = indexLoad(input.bookings, appointment.id, windows);
  // Ties go to the visit's own technician, then to the lowest id.
  const candidates = [...technicians].sort(
    (a, b) =>
      Number(b.id === appointment.technicianId) - Number(a.id === appointment.technicianId) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const slots: Slot[] = [];
  if (limit <= 0 || capacityPerWindow <= 0 || candidates.length === 0) return slots;
  const today = businessDate(now, timeZone);
  for (let offset = 1; offset <= input.daysAhead; offset++) {
    const date = addDays(today, offset);
    if (closed.has(new Date(`${date}T12:00:00Z`).getUTCDay())) continue;
    for (let w = 0; w < windows.length; w++) {
      const window = windows[w]!;
      if (date === appointment.date && overlaps(window, appointment.window)) continue;
      if (zonedInstant(date, window.start, timeZone).getTime() < earliestStart) continue;
      const technicianId = leastLoaded(candidates, load, date, w, capacityPerWindow);
      if (technicianId === undefined) continue;
      slots.push({ date, window: { ...window }, technicianId });
      if (slots.length === limit) return slots;
    }
  }
  return slots;
}

const loadKey = (technicianId: string, date: string) => `${date}|${technicianId}`;

/** Places taken per technician and date, one count per (sorted) window: built once, read in O(1). */
function indexLoad(bookings: Appointment[], movedId: string, windows: SlotWindow[]): Map<string, number[]> {
  const load = new Map<string, number[]>();
  for (const booking of bookings) {
    if (booking.status === 'cancelled' || booking.id === movedId) continue;
    const key = loadKey(booking.technicianId, booking.date);
    let counts = load.get(key);
    if (!counts) {
      counts = new Array<number>(windows.length).fill(0);
      load.set(key, counts);
    }
    for (let w = 0; w < windows.length; w++) {
      if (overlaps(windows[w]!, booking.window)) counts[w]! += 1;
    }
  }
  return load;
}

/** The first technician (in preference order) with the fewest visits in the window, below capacity. */
function leastLoaded(
  candidates: Technician[],
  load: Map<string, number[]>,
  date: string,
  window: number,
  capacity: number,
): string | undefined {
  let best: string | undefined;
  let bestLoad = capacity;
  for (const technician of candidates) {
    const taken = load.get(loadKey(technician.id, date))?.[window] ?? 0;
    if (taken < bestLoad) {
      best = technician.id;
      bestLoad = taken;
      if (taken === 0) break;
    }
  }
  return best;
}
