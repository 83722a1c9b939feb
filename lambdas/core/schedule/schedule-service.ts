import type { Channel } from '../domain/conversation.js';
import type { Appointment, AppointmentStatus } from '../domain/directory.js';
import { StaleWriteError } from '../errors/stale-write.error.js';
import type { DirectoryRepository } from '../ports.js';
import { businessDate } from '../time/business-time.js';

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
}

export function createScheduleService(directory: DirectoryRepository, timeZone: string): ScheduleService {
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
  };
}
