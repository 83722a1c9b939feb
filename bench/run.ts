import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { BenchRow, BenchSection } from './bench-row.js';

/**
 * `npm run bench [-- section...]`: runs every `bench/*.bench.ts` section (or the named ones)
 * and prints one Markdown table per section, each row with the command that reproduces it.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));

const files = (await readdir(here)).filter((file) => file.endsWith('.bench.ts')).sort();
let failed = false;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  const section = (await import(path.join(here, file))).default as BenchSection;
  const rows: BenchRow[] = await section.run();
  console.log(`\n### ${section.title}\n`);
  console.log('| measure | value | budget | ok | command |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) {
    const ok = row.ok === undefined ? '' : row.ok ? 'yes' : '**no**';
    if (row.ok === false) failed = true;
    console.log(`| ${row.name} | ${row.value} | ${row.budget} | ${ok} | \`${row.command}\` |`);
  }
}
if (failed) {
  console.log('\nSome figures are over budget (marked **no**).');
  process.exitCode = 1;
}
