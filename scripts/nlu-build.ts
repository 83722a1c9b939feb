import { fileURLToPath } from 'node:url';
import { buildProductModel, runCli } from './nlu/nlu-cli.js';

/** `npm run nlu:build`: trains the product engine and writes `intents/model.json`. */
const modelFile = fileURLToPath(new URL('../intents/model.json', import.meta.url));
await runCli(async () => {
  const start = performance.now();
  const model = await buildProductModel(modelFile);
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  process.stdout.write(
    `Wrote ${modelFile}: ${model.labels.length} labels, ${model.features.length} features, corpus ${model.corpusHash}, ${seconds} s\n`,
  );
});
