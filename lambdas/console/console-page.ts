import { readFile } from 'node:fs/promises';
import { once } from '../runtime/deps.js';

/**
 * The console's HTML, read once per container. Locally it sits beside this module; in the
 * Lambda bundle the CDK app copies it next to the bundle (same relative name).
 */
export const consolePage = once(async () => {
  for (const candidate of ['./console-page.html', './lambdas/console/console-page.html']) {
    try {
      return await readFile(new URL(candidate, import.meta.url), 'utf8');
    } catch {
      // try the next place
    }
  }
  throw new Error('console-page.html is missing from the bundle');
});
