import { createIntentClassifier } from '../lambdas/core/nlu/index.js';
import { classifyLines, runCli } from './nlu/nlu-cli.js';

/** `npm run classify`: texts on stdin, one per line → `{ text, intent, confidence, language }` per line. */
await runCli(() => classifyLines(createIntentClassifier(), process.stdin, process.stdout));
