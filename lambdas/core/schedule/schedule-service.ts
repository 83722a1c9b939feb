import type { Channel } from '../domain/conversation.js';
import type { Appointment, AppointmentStatus } from '../domain/directory.js';
import { StaleWriteError } from '../errors/stale-write.error.js';
import type { DirectoryRepository } from '../ports.js';
import { addDays, businessDate } from '../time/business-time.js';
import { findOpenSlots, type Slot, type SlotWindow } from './find-open-slots.js';

/** Who asks for a change: the customer, on a channel. */
export interface ChangeRequester {
  customerId: string;
  channel: Channel;
}

/** Statuses a customer can still change by text; en route or on site needs a person. */
export const CHANGEABLE_BY_TEXT: AppointmentStatus[] = ['scheduled'];

export interface ScheduleService {
  /** The visit a change request is about: today's or the next one still to happen. */
  currentVisit(customerId: string, now: Date): Promise<Appointment | undefined>;
  /** Cancels if the visit is still as read; 'changed' when someone moved it meanwhile. */
  cancel(appointment: Appointment, by: ChangeRequester, now: Date): Promise<'cancelled' | 'changed'>;
  /** Up to three real open slots in the visit's service area, earliest first. */
  openSlots(appointment: Appointment, now: Date, exclude?: Slot[]): Promise<Slot[]>;
  /**
   * Moves the visit to the slot. Atomic per slot: of two customers taking its last place,
   * one gets 'booked', the other 'taken'; 'changed' when the visit moved meanwhile.
   */
  book(appointment: Appointment, slot: Slot, by: ChangeRequester, now: Date): Promise<'booked' | 'taken' | 'changed'>;
}

export interface SlotPolicy {
  windows: SlotWindow[];
  capacityPerWindow: number;
  daysAhead: number;
}

/** Technicians without a service area serve one shared area. */
export const DEFAULT_AREA = 'default';
const windowKey = (window: SlotWindow) => `${window.start}-${window.end}`;
const overlaps = (a: SlotWindow, b: SlotWindow) => a.start < b.end && b.start < a.end;

export function createScheduleService(directory: DirectoryRepository, timeZone: string, policy: SlotPolicy): ScheduleService {
  async function routesOn(technicianIds: string[], dates: string[]): Promise<Appointment[]> {
    const routes = await Promise.all(technicianIds.flatMap((id) => dates.map((date) => directory.listRoute(id, date))));
    return routes.flat();
  }

  return {
    async currentVisit(customerId, now) {
      const today = businessDate(now, timeZone);
      const visits = await directory.listCustomerAppointments(customerId);
      return visits
        .filter((visit) => visit.date >= today && visit.status !== 'cancelled' && visit.status !== 'completed')
        .sort((a, b) => a.date.localeCompare(b.date) || a.window.start.localeCompare(b.window.start))[0];
    },

    async cancel(appointment, by, now) {
      const at = now.toISOString();
      try {
        await directory.saveAppointment(
          {
            ...appointment,
            status: 'cancelled',
            statusAt: at,
            changes: [...(appointment.changes ?? []), { action: 'cancelled', by: `customer:${by.customerId}`, at, channel: by.channel }],
          },
          { status: CHANGEABLE_BY_TEXT, read: appointment },
        );
        return 'cancelled';
      } catch (error) {
        if (error instanceof StaleWriteError) return 'changed';
        throw error;
      }
    },

    async openSlots(appointment, now, exclude = []) {
      const current = await directory.getTechnician(appointment.technicianId);
      const technicians = await directory.listTechniciansInArea(current?.serviceArea ?? DEFAULT_AREA);
      const today = businessDate(now, timeZone);
      const dates = Array.from({ length: policy.daysAhead }, (_, i) => addDays(today, i + 1));
      const bookings = await routesOn(technicians.map((t) => t.id), dates);
      const excluded = new Set(exclude.map((slot) => `${slot.date}#${windowKey(slot.window)}`));
      const slots = findOpenSlots({
        now,
        timeZone,
        appointment,
        technicians,
        bookings,
        windows: policy.windows,
        capacityPerWindow: policy.capacityPerWindow,
        daysAhead: policy.daysAhead,
        limit: 3 + excluded.size,
      });
      return slots.filter((slot) => !excluded.has(`${slot.date}#${windowKey(slot.window)}`)).slice(0, 3);
    },

    async book(appointment, slot, by, now) {
      const place = { technicianId: slot.technicianId, date: slot.date, window: windowKey(slot.window) };
      const route = await directory.listRoute(slot.technicianId, slot.date);
      const taken = await directory.claimSlot(place, policy.capacityPerWindow, async () =>
        route.filter((visit) => visit.id !== appointment.id && visit.status !== 'cancelled' && overlaps(visit.window, slot.window)).length,
      );
      if (!taken) return 'taken';
      const at = now.toISOString();
      const moved: Appointment = {
        ...appointment,
        date: slot.date,
        window: slot.window,
        technicianId: slot.technicianId,
        sequence: Math.max(0, ...route.map((visit) => visit.sequence)) + 1,
        status: 'scheduled',
        statusAt: at,
        delayNoticeAt: undefined,
        onTheWayNoticeAt: undefined,
        changes: [
          ...(appointment.changes ?? []),
          {
            action: 'rescheduled',
            by: `customer:${by.customerId}`,
            at,
            channel: by.channel,
            from: { date: appointment.date, window: appointment.window, technicianId: appointment.technicianId },
          },
        ],
      };
      try {
        await directory.saveAppointment(moved, { status: CHANGEABLE_BY_TEXT, read: appointment });
      } catch (error) {
        await directory.releaseSlot(place);
        if (error instanceof StaleWriteError) return 'changed';
        throw error;
      }
      await directory.releaseSlot({ technicianId: appointment.technicianId, date: appointment.date, window: windowKey(appointment.window) });
      return 'booked';
    },
  };
}
