import type { Appointment, GeoPoint, Technician } from '../domain/directory.js';
import { businessDate, zonedInstant } from '../time/business-time.js';
import type { TravelTimeEstimator } from './travel-time.js';

export interface EtaSettings {
  timeZone: string;
  /** A technician location older than this is not trusted. */
  locationMaxAgeMinutes: number;
}

export interface RouteLookup {
  getTechnician(id: string): Promise<Technician | undefined>;
  /** The technician's appointments on a date, any status. */
  listRoute(technicianId: string, date: string): Promise<Appointment[]>;
}

/** Every honest answer to "where is my technician?". */
export type ArrivalAnswer =
  | { kind: 'no_appointment' }
  | { kind: 'other_day'; appointment: Appointment }
  | { kind: 'cancelled'; appointment: Appointment }
  | { kind: 'completed'; appointment: Appointment; technician?: Technician }
  | { kind: 'on_site'; appointment: Appointment; technician?: Technician }
  | {
      kind: 'estimate';
      appointment: Appointment;
      technician: Technician;
      earliest: Date;
      latest: Date;
      stopsAhead: number;
      /** The estimate ends after the booked window. */
      late: boolean;
    }
  | {
      kind: 'window_only';
      appointment: Appointment;
      technician?: Technician;
      stopsAhead: number;
      reason: 'stale_location' | 'no_location';
    };

const DONE = new Set(['completed', 'cancelled']);
const MINUTE = 60_000;

/** The visit a customer most likely means: today's live one, else the next one ahead. */
export function pickAppointment(appointments: Appointment[], today: string): Appointment | undefined {
  const byTime = [...appointments].sort((a, b) => a.date.localeCompare(b.date) || a.window.start.localeCompare(b.window.start));
  const todays = byTime.filter((a) => a.date === today);
  return (
    todays.find((a) => a.status !== 'cancelled') ??
    byTime.find((a) => a.date > today && a.status !== 'cancelled') ??
    todays[0]
  );
}

export async function estimateArrival(
  appointments: Appointment[],
  now: Date,
  routes: RouteLookup,
  travel: TravelTimeEstimator,
  settings: EtaSettings,
): Promise<ArrivalAnswer> {
  const today = businessDate(now, settings.timeZone);
  const appointment = pickAppointment(appointments, today);
  if (!appointment) return { kind: 'no_appointment' };
  if (appointment.date !== today) return { kind: 'other_day', appointment };
  if (appointment.status === 'cancelled') return { kind: 'cancelled', appointment };

  const [technician, route] = await Promise.all([
    routes.getTechnician(appointment.technicianId),
    routes.listRoute(appointment.technicianId, today),
  ]);
  if (appointment.status === 'completed') return { kind: 'completed', appointment, technician };
  if (appointment.status === 'on_site') return { kind: 'on_site', appointment, technician };

  const ahead =
    appointment.status === 'en_route'
      ? []
      : route
          .filter((stop) => stop.id !== appointment.id && stop.sequence < appointment.sequence && !DONE.has(stop.status))
          .sort((a, b) => a.sequence - b.sequence);

  const location = technician?.location;
  if (!technician || !location) {
    return { kind: 'window_only', appointment, technician, stopsAhead: ahead.length, reason: 'no_location' };
  }
  const ageMinutes = (now.getTime() - Date.parse(location.at)) / MINUTE;
  if (ageMinutes > settings.locationMaxAgeMinutes) {
    return { kind: 'window_only', appointment, technician, stopsAhead: ahead.length, reason: 'stale_location' };
  }

  const minutes = await minutesUntilArrival(location, ahead, appointment, now, travel);
  const windowStart = zonedInstant(today, appointment.window.start, settings.timeZone);
  const windowEnd = zonedInstant(today, appointment.window.end, settings.timeZone);
  // Visits do not start before the booked window, however early the route runs.
  const arrival = Math.max(now.getTime() + minutes * MINUTE, windowStart.getTime());
  const spread = Math.min(60, Math.max(15, minutes * 0.25));
  const earliest = roundTo5(arrival, 'floor');
  const latest = roundTo5(arrival + spread * MINUTE, 'ceil');
  return {
    kind: 'estimate',
    appointment,
    technician,
    earliest,
    latest,
    stopsAhead: ahead.length,
    late: latest.getTime() > windowEnd.getTime(),
  };
}

/**
 * Drive to each stop still ahead and do its job, then drive to the customer.
 * A stop in progress counts only the time it has left.
 */
async function minutesUntilArrival(
  start: GeoPoint,
  ahead: Appointment[],
  target: Appointment,
  now: Date,
  travel: TravelTimeEstimator,
): Promise<number> {
  let position: GeoPoint = start;
  let total = 0;
  for (const stop of ahead) {
    if (stop.status === 'on_site') {
      total += remainingOnSite(stop, now);
    } else {
      total += (await travel.minutes(position, stop.address)) + stop.durationMinutes;
    }
    position = stop.address;
  }
  return total + (await travel.minutes(position, target.address));
}

function remainingOnSite(stop: Appointment, now: Date): number {
  // Without a check-in time, assume the job is half done.
  if (!stop.statusAt) return stop.durationMinutes / 2;
  const elapsed = (now.getTime() - Date.parse(stop.statusAt)) / MINUTE;
  return Math.max(0, stop.durationMinutes - elapsed);
}

function roundTo5(ms: number, direction: 'floor' | 'ceil'): Date {
  const step = 5 * MINUTE;
  return new Date(Math[direction](ms / step) * step);
}
