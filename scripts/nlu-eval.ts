import { runCli, runEval } from './nlu/nlu-cli.js';

/** `npm run nlu:eval -- --train TRAIN.json --test TEST.json [--json]`. */
await runCli(async () => {
  const { text } = await runEval(process.argv.slice(2));
  process.stdout.write(`${text}\n`);
});
