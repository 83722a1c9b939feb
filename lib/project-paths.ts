import { fileURLToPath } from 'node:url';

/** The repository root, so entries and the lock file resolve wherever synth runs from. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
