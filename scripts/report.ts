import { writeFile } from 'node:fs/promises';
import { DynamoReportSource } from '../lambdas/adapters/dynamodb/report-source.js';
import { buildReport } from '../lambdas/core/report/build-report.js';
import { reportRangeSchema } from '../lambdas/http/report.schema.js';
import { coreSettingsSchema, readSettings, storeSettingsSchema } from '../lambdas/runtime/config.js';
import { reportHtml } from './report/report-html.js';
import { reportText } from './report/report-text.js';
import { fail, option, storeClient, storeFailure } from './store-client.js';

/**
 * `npm run report -- --from 2026-11-01 --to 2026-11-30 [--out report.html] [--json] [--aws]`:
 * the operations report for a range of business days (BUSINESS_TIMEZONE), printed and
 * written as a self-contained HTML page (default `report.html`). Reads the running local
 * stack by default, the deployed tables with --aws. Definitions: docs/operations.md.
 */
const args = process.argv.slice(2);
const range = reportRangeSchema.safeParse({ from: option(args, 'from'), to: option(args, 'to') });
if (!range.success) {
  fail(`${range.error.issues.map((issue) => issue.message).join('; ')}\nUsage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out report.html] [--json] [--aws]`);
}
const settings = readSettings(storeSettingsSchema.extend({ BUSINESS_TIMEZONE: coreSettingsSchema.shape.BUSINESS_TIMEZONE }));
const out = option(args, 'out') ?? 'report.html';
const client = storeClient(args);

try {
  const report = await buildReport(new DynamoReportSource(client, settings.CONVERSATIONS_TABLE), {
    ...range.data,
    timeZone: settings.BUSINESS_TIMEZONE,
  });
  console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : reportText(report));
  await writeFile(out, reportHtml(report, new Date()));
  console.error(`Wrote ${out}`);
} catch (error) {
  fail(storeFailure('Report', error));
} finally {
  client.destroy();
}
