import type { AppointmentStatus, TechnicianLocation } from '../domain/directory.js';
import { StaleWriteError } from '../errors/stale-write.error.js';
import { notifyOnTheWay, notifyRunningLate, type NoticeDeps } from './proactive-notices.js';

/** A technician's app reports about a technician or a job it has no right to. */
export class NotYourJobError extends Error {
  override readonly name = 'NotYourJobError';
}
export class UnknownRecordError extends Error {
  override readonly name = 'UnknownRecordError';
}
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
}

/** Job statuses move forward only: completed never goes back to en route. */
const NEXT: Record<AppointmentStatus, AppointmentStatus[]> = {
  scheduled: ['en_route', 'on_site', 'completed'],
  en_route: ['on_site', 'completed'],
  on_site: ['completed'],
  completed: [],
  cancelled: [],
};

/**
 * A location ping. An older ping than the one stored (out of order, a retry) is ignored;
 * a newer one may make a later customer's ETA slip past their window: they hear about it once.
 */
export async function reportLocation(
  deps: NoticeDeps,
  caller: string,
  technicianId: string,
  location: TechnicianLocation,
): Promise<{ stored: boolean; delayNotices: number }> {
  if (caller !== technicianId) throw new NotYourJobError('A technician can only report their own location');
  if (!(await deps.directory.getTechnician(technicianId))) throw new UnknownRecordError(`No technician ${technicianId}`);
  const stored = await deps.directory.saveLocation(technicianId, location);
  const delayNotices = stored ? await notifyRunningLate(deps, technicianId) : 0;
  return { stored, delayNotices };
}

/** A job status change from the technician's app; en route tells the customer. */
export async function reportJobStatus(
  deps: NoticeDeps,
  caller: string,
  appointmentId: string,
  status: Exclude<AppointmentStatus, 'scheduled' | 'cancelled'>,
): Promise<{ status: AppointmentStatus; changed: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const appointment = await deps.directory.getAppointment(appointmentId);
    if (!appointment) throw new UnknownRecordError(`No appointment ${appointmentId}`);
    if (appointment.technicianId !== caller) throw new NotYourJobError(`Appointment ${appointmentId} is not on your route`);
    if (appointment.status === status) return { status, changed: false };
    if (!NEXT[appointment.status].includes(status)) {
      throw new InvalidTransitionError(`A ${appointment.status.replace('_', ' ')} job cannot become ${status.replace('_', ' ')}`);
    }
    const updated = { ...appointment, status, statusAt: deps.clock.now().toISOString() };
    try {
      await deps.directory.saveAppointment(updated, { status: [appointment.status], read: appointment });
    } catch (error) {
      if (error instanceof StaleWriteError) continue;
      throw error;
    }
    if (status === 'en_route') await notifyOnTheWay(deps, updated);
    await notifyRunningLate(deps, appointment.technicianId);
    return { status, changed: true };
  }
  throw new StaleWriteError(`appointment ${appointmentId}`);
}
