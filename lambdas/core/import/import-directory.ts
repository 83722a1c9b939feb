import type { z } from 'zod';
import { PhoneTakenError } from '../errors/phone-taken.error.js';
import { RecordRejectedError } from '../errors/record-rejected.error.js';
import type { DirectoryRepository } from '../ports.js';
import { appointmentRecord, customerRecord, importFileSchema, technicianRecord } from './import.schema.js';

export interface ImportProblem {
  kind: 'customers' | 'technicians' | 'appointments';
  index: number;
  id?: string;
  reason: string;
}

export interface ImportReport {
  loaded: { customers: number; technicians: number; appointments: number };
  rejected: ImportProblem[];
}

export class InvalidImportFileError extends Error {
  override readonly name = 'InvalidImportFileError';
}

/**
 * Upserts customers, technicians and appointments by id. Each invalid record is reported
 * with its index and reason and nothing of it is written; the valid ones still load.
 * Appointments are checked against the customers and technicians in the store.
 */
export async function importDirectory(directory: DirectoryRepository, file: unknown): Promise<ImportReport> {
  const outer = importFileSchema.safeParse(file);
  if (!outer.success) {
    throw new InvalidImportFileError(
      'The file must be a JSON object with "customers", "technicians" and/or "appointments" arrays',
    );
  }
  const report: ImportReport = { loaded: { customers: 0, technicians: 0, appointments: 0 }, rejected: [] };

  await load('customers', outer.data.customers, customerRecord, (record) => directory.putCustomer(record));
  await load('technicians', outer.data.technicians, technicianRecord, (record) => directory.putTechnician(record));
  await load('appointments', outer.data.appointments, appointmentRecord, async (record) => {
    if (!(await directory.getCustomer(record.customerId))) throw new RecordRejectedError(`customer ${record.customerId} does not exist`);
    if (!(await directory.getTechnician(record.technicianId))) throw new RecordRejectedError(`technician ${record.technicianId} does not exist`);
    await directory.putAppointment(record);
  });
  return report;

  async function load<S extends z.ZodType>(
    kind: ImportProblem['kind'],
    records: unknown[],
    schema: S,
    write: (record: z.infer<S>) => Promise<void>,
  ): Promise<void> {
    for (const [index, raw] of records.entries()) {
      const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      const id = typeof rawId === 'string' ? rawId : undefined;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ');
        report.rejected.push({ kind, index, id, reason });
        continue;
      }
      try {
        await write(parsed.data);
        report.loaded[kind] += 1;
      } catch (error) {
        if (!(error instanceof RecordRejectedError || error instanceof PhoneTakenError)) throw error;
        report.rejected.push({ kind, index, id, reason: error.message });
      }
    }
  }
}
