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
  const { now, timeZone, appointment, capacityPerWindow } = input;
  const limit = input.limit ?? DEFAULT_LIMIT;
  const closed = new Set(input.closedWeekdays ?? DEFAULT_CLOSED_WEEKDAYS);
  const earliestStart = now.getTime() + (input.leadMinutes ?? DEFAULT_LEAD_MINUTES) * MINUTE;
  const windows = [...input.windows].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  // Ties go to the visit's own technician, then to the lowest id.
  const technicians = input.technicians
    .map((technician) => technician.id)
    .sort((a, b) => Number(b === appointment.technicianId) - Number(a === appointment.technicianId) || (a < b ? -1 : a > b ? 1 : 0));
  const today = businessDate(now, timeZone);
  const days: string[] = [];
  for (let offset = 1; offset <= input.daysAhead; offset++) {
    const date = addDays(today, offset);
    if (!closed.has(new Date(`${date}T12:00:00Z`).getUTCDay())) days.push(date);
  }

  const slots: Slot[] = [];
  if (limit <= 0 || capacityPerWindow <= 0 || technicians.length === 0) return slots;
  const load = new LoadIndex(days, technicians, windows, input.bookings, appointment.id);
  // (date, window) pairs come in time order, so once one clears the lead time every later one does.
  let leadCleared = false;
  for (let d = 0; d < days.length; d++) {
    const date = days[d]!;
    for (let w = 0; w < windows.length; w++) {
      const window = windows[w]!;
      if (date === appointment.date && overlaps(window, appointment.window)) continue;
      if (!leadCleared && zonedInstant(date, window.start, timeZone).getTime() < earliestStart) continue;
      leadCleared = true;
      const t = load.leastLoaded(d, w, capacityPerWindow);
      if (t === undefined) continue;
      slots.push({ date, window: { ...window }, technicianId: technicians[t]! });
      if (slots.length === limit) return slots;
    }
  }
  return slots;
}

/**
 * Places taken per (day, technician, window), counted once from the bookings into one flat
 * array, so each window asks each technician in O(1) and a search allocates almost nothing.
 */
class LoadIndex {
  private readonly taken: Uint16Array;
  private readonly technicianCount: number;
  private readonly windowCount: number;

  constructor(days: string[], technicianIds: string[], windows: SlotWindow[], bookings: Appointment[], movedId: string) {
    this.technicianCount = technicianIds.length;
    this.windowCount = windows.length;
    this.taken = new Uint16Array(days.length * this.technicianCount * this.windowCount);
    const dayIndex = new Map(days.map((date, d) => [date, d]));
    const technicianIndex = new Map(technicianIds.map((id, t) => [id, t]));
    for (const booking of bookings) {
      if (booking.status === 'cancelled' || booking.id === movedId) continue;
      const d = dayIndex.get(booking.date);
      const t = technicianIndex.get(booking.technicianId);
      if (d === undefined || t === undefined) continue;
      for (let w = 0; w < this.windowCount; w++) {
        if (overlaps(windows[w]!, booking.window)) this.taken[this.at(d, t, w)]! += 1;
      }
    }
  }

  /** The first technician (in preference order) with the fewest visits in the window, below capacity. */
  leastLoaded(day: number, window: number, capacity: number): number | undefined {
    let best: number | undefined;
    let bestLoad = capacity;
    for (let t = 0; t < this.technicianCount; t++) {
      const taken = this.taken[this.at(day, t, window)]!;
      if (taken < bestLoad) {
        best = t;
        bestLoad = taken;
        if (taken === 0) break;
      }
    }
    return best;
  }

  private at(day: number, technician: number, window: number): number {
    return (day * this.technicianCount + technician) * this.windowCount + window;
  }
}
