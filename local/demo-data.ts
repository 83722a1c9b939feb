import type { ImportFile } from '../lambdas/core/import/import.schema.js';
import { businessDate, addDays, wallClock } from '../lambdas/core/time/business-time.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** An HH:00 window of `hours` starting `offset` hours from now, kept inside the day. */
function window(now: Date, timeZone: string, offset: number, hours = 3) {
  const hour = Math.min(Math.max(wallClock(now, timeZone).hour + offset, 0), 23 - hours);
  return { start: `${pad(hour)}:00`, end: `${pad(hour + hours)}:00` };
}

/**
 * Demo data for `npm start`: two technicians with routes today in the business timezone,
 * and customers that exercise every answer to "where is my technician?".
 * Numbers are in the fictional 555-01xx range.
 */
export function demoData(now: Date, timeZone: string): ImportFile {
  const today = businessDate(now, timeZone);
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const austin = (lat: number, lng: number, line1: string, zip: string) => ({ line1, lat, lng, zip });
  return {
    customers: [
      { id: 'C-1001', name: 'Ana Ruiz', phones: ['+15125550101'], accountNumber: '100200', zip: '78751', language: 'es' },
      { id: 'C-1002', name: 'John Carter', phones: ['+15125550102'], accountNumber: '100201', zip: '78752', language: 'en' },
      { id: 'C-1003', name: 'Priya Shah', phones: ['+15125550103'], accountNumber: '100202', zip: '78704', language: 'en' },
      { id: 'C-1004', name: 'Luis Ortega', phones: ['+15125550104'], accountNumber: '100203', zip: '78745', language: 'es' },
      { id: 'C-1005', name: 'Grace Kim', phones: ['+15125550105'], accountNumber: '100204', zip: '78723', language: 'en' },
      { id: 'C-1007', name: 'Dana White', phones: ['+15125550107'], accountNumber: '100206', language: 'en' },
      { id: 'C-1006', name: 'Omar Haddad', phones: ['+15125550106', '+15125550116'], accountNumber: '100205', zip: '78702', language: 'en' },
    ],
    technicians: [
      { id: 'T-7', name: 'Sam Lee', phone: '+15125550900', location: { lat: 30.2672, lng: -97.7431, at: minutesAgo(3) } },
      { id: 'T-8', name: 'Maria Garcia', phone: '+15125550901', location: { lat: 30.25, lng: -97.75, at: minutesAgo(240) } },
    ],
    appointments: [
      {
        id: 'A-50', customerId: 'C-1003', technicianId: 'T-7', date: today, window: window(now, timeZone, -3),
        address: austin(30.25, -97.75, '4 Congress Ave, Austin TX', '78704'), sequence: 1, durationMinutes: 60,
        status: 'completed', statusAt: minutesAgo(50), service: 'Internet install',
      },
      {
        id: 'A-51', customerId: 'C-1006', technicianId: 'T-7', date: today, window: window(now, timeZone, -1),
        address: austin(30.2672, -97.7431, '900 E 6th St, Austin TX', '78702'), sequence: 2, durationMinutes: 60,
        status: 'on_site', statusAt: minutesAgo(20), service: 'Cable repair',
      },
      {
        id: 'A-52', customerId: 'C-1002', technicianId: 'T-7', date: today, window: window(now, timeZone, 0),
        address: austin(30.3, -97.72, '55 Airport Blvd, Austin TX', '78752'), sequence: 3, durationMinutes: 45,
        status: 'scheduled', service: 'Router replacement',
      },
      {
        id: 'A-55', customerId: 'C-1001', technicianId: 'T-7', date: today, window: window(now, timeZone, 1),
        address: austin(30.31, -97.7, '12 Elm St, Austin TX', '78751'), sequence: 4, durationMinutes: 60,
        status: 'scheduled', service: 'Internet install',
      },
      {
        id: 'A-60', customerId: 'C-1005', technicianId: 'T-8', date: today, window: window(now, timeZone, 1),
        address: austin(30.29, -97.69, '3 Manor Rd, Austin TX', '78723'), sequence: 2, durationMinutes: 90,
        status: 'scheduled', service: 'HVAC tune-up',
      },
      {
        id: 'A-70', customerId: 'C-1004', technicianId: 'T-8', date: addDays(today, 2), window: { start: '08:00', end: '12:00' },
        address: austin(30.2, -97.78, '77 William Cannon Dr, Austin TX', '78745'), sequence: 1, durationMinutes: 60,
        status: 'scheduled', service: 'Appliance repair',
      },
    ],
  };
}
