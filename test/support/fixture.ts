/**
 * A day in Austin on 2026-11-21 (America/Chicago, UTC-6). At NOW (1:00 pm) Sam has
 * finished stop 1, is on site at stop 2 (since 12:40, 60 min job), and Ana is stop 4.
 */
export const NOW = new Date('2026-11-21T19:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

export const ANA = '+15125550101';
export const ANA_SECOND_PHONE = '+15125550111';
export const JOHN = '+15125550102';
export const OMAR = '+15125550106';
export const PRIYA = '+15125550103';
export const LUIS = '+15125550104';
export const DANA = '+15125550107';
export const GRACE = '+15125550105';

export const fixture = {
  customers: [
    { id: 'C-1001', name: 'Ana Ruiz', phones: [ANA, ANA_SECOND_PHONE], accountNumber: '100200', zip: '78751', language: 'en' },
    { id: 'C-1002', name: 'John Carter', phones: [JOHN], accountNumber: '100201', language: 'en' },
    { id: 'C-1003', name: 'Priya Shah', phones: [PRIYA], accountNumber: '100202', language: 'en' },
    { id: 'C-1004', name: 'Luis Ortega', phones: [LUIS], accountNumber: '100203', language: 'es' },
    { id: 'C-1005', name: 'Grace Kim', phones: [GRACE], accountNumber: '100204', language: 'en' },
    { id: 'C-1006', name: 'Omar Haddad', phones: [OMAR], accountNumber: '100205', language: 'en' },
    { id: 'C-1007', name: 'Dana White', phones: [DANA], accountNumber: '100206', language: 'en' },
  ],
  technicians: [
    { id: 'T-7', name: 'Sam Lee', location: { lat: 30.2672, lng: -97.7431, at: ago(3) } },
    { id: 'T-8', name: 'Maria Garcia', location: { lat: 30.25, lng: -97.75, at: ago(240) } },
  ],
  appointments: [
    { id: 'A-50', customerId: 'C-1003', technicianId: 'T-7', date: '2026-11-21', window: { start: '09:00', end: '12:00' },
      address: { line1: '4 Congress Ave', lat: 30.25, lng: -97.75 }, sequence: 1, durationMinutes: 60, status: 'completed', statusAt: ago(90) },
    { id: 'A-51', customerId: 'C-1006', technicianId: 'T-7', date: '2026-11-21', window: { start: '12:00', end: '15:00' },
      address: { line1: '900 E 6th St', lat: 30.2672, lng: -97.7431 }, sequence: 2, durationMinutes: 60, status: 'on_site', statusAt: ago(20) },
    { id: 'A-52', customerId: 'C-1002', technicianId: 'T-7', date: '2026-11-21', window: { start: '13:00', end: '16:00' },
      address: { line1: '55 Airport Blvd', lat: 30.3, lng: -97.72 }, sequence: 3, durationMinutes: 45, status: 'scheduled' },
    { id: 'A-55', customerId: 'C-1001', technicianId: 'T-7', date: '2026-11-21', window: { start: '13:00', end: '17:00' },
      address: { line1: '12 Elm St', lat: 30.31, lng: -97.7, zip: '78751' }, sequence: 4, durationMinutes: 60, status: 'scheduled' },
    { id: 'A-60', customerId: 'C-1005', technicianId: 'T-8', date: '2026-11-21', window: { start: '14:00', end: '17:00' },
      address: { line1: '3 Manor Rd', lat: 30.29, lng: -97.69 }, sequence: 2, durationMinutes: 90, status: 'scheduled' },
    { id: 'A-70', customerId: 'C-1004', technicianId: 'T-8', date: '2026-11-24', window: { start: '08:00', end: '12:00' },
      address: { line1: '77 William Cannon Dr', lat: 30.2, lng: -97.78 }, sequence: 1, durationMinutes: 60, status: 'scheduled' },
  ],
};
