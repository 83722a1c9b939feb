import { readFile } from 'node:fs/promises';
import { DynamoDirectoryRepository } from '../lambdas/adapters/dynamodb/directory-repository.js';
import { createDocumentClient } from '../lambdas/adapters/dynamodb/document-client.js';
import { importDirectory, InvalidImportFileError } from '../lambdas/core/import/import-directory.js';
import { readSettings, storeSettingsSchema } from '../lambdas/runtime/config.js';
import { LOCAL_AWS } from '../local/dynalite-store.js';
import { LOCAL_DEFAULTS } from '../local/local-stack.js';

/**
 * `npm run import -- FILE.json [--aws]`: loads customers, technicians and appointments.
 * By default into the running local stack (DYNAMODB_ENDPOINT or the local default port);
 * with --aws into the deployed tables named by DIRECTORY_TABLE (AWS credentials from the
 * usual chain). Exit code 1 when the file is unusable or any record was rejected.
 */
const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
if (!file) fail('Usage: npm run import -- FILE.json [--aws]');

let data: unknown;
try {
  data = JSON.parse(await readFile(file, 'utf8'));
} catch (error) {
  fail(`Cannot read ${file}: ${(error as Error).message}`);
}

const settings = readSettings(storeSettingsSchema);
const client = args.includes('--aws')
  ? createDocumentClient()
  : createDocumentClient({
      ...LOCAL_AWS,
      endpoint: process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${LOCAL_DEFAULTS.DYNAMODB_PORT}`,
    });

try {
  const report = await importDirectory(new DynamoDirectoryRepository(client, settings.DIRECTORY_TABLE), data);
  const { customers, technicians, appointments } = report.loaded;
  console.log(`Loaded ${customers} customers, ${technicians} technicians, ${appointments} appointments.`);
  for (const problem of report.rejected) {
    console.error(`Rejected ${problem.kind}[${problem.index}]${problem.id ? ` (${problem.id})` : ''}: ${problem.reason}`);
  }
  process.exitCode = report.rejected.length > 0 ? 1 : 0;
} catch (error) {
  if (error instanceof InvalidImportFileError) fail(error.message);
  const name = (error as Error).name;
  fail(name === 'ResourceNotFoundException' || /ECONNREFUSED/.test(String((error as Error).message)) || (error as { code?: string }).code === 'ECONNREFUSED'
    ? 'Cannot reach the store: is the local stack running (npm start)? Use --aws for deployed tables.'
    : `Import failed: ${(error as Error).message}`);
} finally {
  client.destroy();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
