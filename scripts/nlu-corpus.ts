import { corpusJson, runCli } from './nlu/nlu-cli.js';

/** `npm run nlu:corpus`: the product's own training utterances as `[{ text, intent, language }]`. */
await runCli(async () => {
  process.stdout.write(corpusJson());
});
