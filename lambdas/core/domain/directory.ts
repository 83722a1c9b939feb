import type { Language } from './language.js';

/** Coordinates in decimal degrees (WGS 84). */
export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface Customer {
  id: string;
  name: string;
  /** E.164 numbers that belong to this customer. */
  phones: string[];
  accountNumber?: string;
  zip?: string;
  language: Language;
}

export interface TechnicianLocation extends GeoPoint {
  /** ISO-8601 instant the technician's app reported this position. */
  at: string;
}

export interface Technician {
  id: string;
  name: string;
  phone?: string;
  location?: TechnicianLocation;
  /** The area the technician serves: visits move only between technicians of one area. */
  serviceArea?: string;
}

/** Who changed a visit, when and how (kept on the appointment). */
export interface AppointmentChange {
  action: 'cancelled' | 'rescheduled';
  by: string;
  at: string;
  channel?: string;
  /** For a reschedule: where the visit was before. */
  from?: { date: string; window: { start: string; end: string }; technicianId: string };
}

export const APPOINTMENT_STATUSES = ['scheduled', 'en_route', 'on_site', 'completed', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface Appointment {
  id: string;
  customerId: string;
  technicianId: string;
  /** Calendar date in the business timezone, YYYY-MM-DD. */
  date: string;
  /** Booked arrival window, HH:mm in the business timezone. */
  window: { start: string; end: string };
  address: GeoPoint & { line1: string; zip?: string };
  /** Place of this visit in the technician's route that day (1 = first). */
  sequence: number;
  durationMinutes: number;
  status: AppointmentStatus;
  /** ISO-8601 instant of the last status change (used for the time already spent on site). */
  statusAt?: string;
  service?: string;
  /** Changes made by customers or agents, oldest first. */
  changes?: AppointmentChange[];
  /** When a "running late" heads-up went out, so it goes out once. */
  delayNoticeAt?: string;
  /** When the "on the way" message went out. */
  onTheWayNoticeAt?: string;
}
