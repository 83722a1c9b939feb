import type { DirectoryRepository } from '../ports.js';
import { importFileSchema } from './import.schema.js';
import { importDirectory, type ImportReport } from './import-directory.js';

const KINDS = ['customers', 'technicians', 'appointments'] as const;

/**
 * importDirectory over a large file, `batchSize` records at a time (customers, then
 * technicians, then appointments, so an appointment's customer is always loaded first).
 * Rejections keep their index in the whole file. `onBatch` hears of each finished batch.
 */
export async function importInBatches(
  directory: DirectoryRepository,
  file: unknown,
  batchSize: number,
  onBatch: (done: { batch: number; kind: (typeof KINDS)[number]; records: number }) => void = () => {},
): Promise<ImportReport & { batches: number }> {
  const parsed = importFileSchema.safeParse(file);
  if (!parsed.success) return { ...(await importDirectory(directory, file)), batches: 0 };
  const total: ImportReport & { batches: number } = { loaded: { customers: 0, technicians: 0, appointments: 0 }, rejected: [], batches: 0 };
  for (const kind of KINDS) {
    const records = parsed.data[kind];
    for (let start = 0; start < records.length; start += batchSize) {
      const slice = records.slice(start, start + batchSize);
      const report = await importDirectory(directory, { [kind]: slice });
      total.loaded[kind] += report.loaded[kind];
      total.rejected.push(...report.rejected.map((problem) => ({ ...problem, index: problem.index + start })));
      total.batches += 1;
      onBatch({ batch: total.batches, kind, records: slice.length });
    }
  }
  return total;
}
