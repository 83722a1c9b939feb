import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { productCorpus, productCorpusHash, productTrainOptions } from '../../intents/corpus.js';
import type { IntentClassifier } from '../../lambdas/core/nlu/classification.js';
import { detectComplianceKeyword } from '../../lambdas/core/nlu/compliance-keywords.js';
import { detectLanguage } from '../../lambdas/core/nlu/language-detector.js';
import { type EvaluationReport, evaluate } from '../../lambdas/core/nlu/evaluate.js';
import { LinearIntentClassifier } from '../../lambdas/core/nlu/linear-intent-classifier.js';
import type { NluModel } from '../../lambdas/core/nlu/nlu-model.js';
import { OUT_OF_SCOPE_LABEL } from '../../lambdas/core/nlu/nlu-model.js';
import { type TrainingItem, trainModel } from '../../lambdas/core/nlu/train-model.js';

/** A CLI failure the user can fix: printed on stderr, exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

const corpusSchema = z.array(
  z.object({
    text: z.string(),
    intent: z.string().min(1),
    language: z.enum(['en', 'es']).optional(),
  }),
);

export async function readCorpusFile(file: string): Promise<TrainingItem[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = corpusSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`${file} must be a JSON array of { "text", "intent" }: at ${issue?.path.join('.') || 'top level'}, ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * `npm run classify`: one text per stdin line → one JSON object per line. Like the webhook,
 * compliance keywords come first (intent opt_out / opt_in / help, confidence 1).
 */
export async function classifyLines(classifier: IntentClassifier, input: Readable, output: Writable): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const keyword = detectComplianceKeyword(line);
    const { text, intent, confidence, language } =
      keyword === null
        ? classifier.classify(line)
        : { text: line, intent: keyword, confidence: 1, language: detectLanguage(line) };
    output.write(`${JSON.stringify({ text, intent, confidence, language })}\n`);
  }
}

/** `npm run nlu:corpus`: the product's training utterances as JSON. */
export function corpusJson(): string {
  return `${JSON.stringify(productCorpus(), null, 2)}\n`;
}

/** `npm run nlu:build`: trains on the product corpus and writes the shipped model. */
export async function buildProductModel(modelFile: string): Promise<NluModel> {
  const model = trainModel(productCorpus(), { ...productTrainOptions(), corpusHash: productCorpusHash() });
  await writeFile(modelFile, `${JSON.stringify(model)}\n`);
  return model;
}

export interface EvalResult {
  report: EvaluationReport;
  text: string;
}

/** `npm run nlu:eval -- --train T.json --test S.json [--json]`. */
export async function runEval(args: readonly string[]): Promise<EvalResult> {
  let values: { train?: string; test?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { train: { type: 'string' }, test: { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nUsage: npm run nlu:eval -- --train TRAIN.json --test TEST.json [--json]`);
  }
  if (values.train === undefined || values.test === undefined) {
    throw new CliError('Usage: npm run nlu:eval -- --train TRAIN.json --test TEST.json [--json]');
  }
  const train = (await readCorpusFile(values.train)).filter((item) => item.text.trim() !== '');
  const test = await readCorpusFile(values.test);
  if (train.length === 0) throw new CliError(`${values.train} has no training utterances.`);
  const trained = new Set(train.map((item) => item.intent).filter((intent) => intent !== OUT_OF_SCOPE_LABEL));
  if (trained.size === 0) throw new CliError(`${values.train} has no intent to learn (only out-of-scope texts).`);
  if (!test.some((item) => trained.has(item.intent))) {
    throw new CliError(`${values.test} has no in-scope item: none of its intents occurs in ${values.train}.`);
  }
  const start = performance.now();
  const classifier = LinearIntentClassifier.fromModel(trainModel(train));
  const trainMs = performance.now() - start;
  const report = evaluate(classifier, trained, test, trainMs);
  return { report, text: values.json === true ? jsonReport(report) : textReport(report) };
}

function jsonReport(report: EvaluationReport): string {
  const { inScopeAccuracy, oosRecall, accuracy, msPerUtterance, trainMs } = report;
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return JSON.stringify({
    inScopeAccuracy,
    oosRecall: finite(oosRecall),
    accuracy,
    msPerUtterance,
    trainMs,
  });
}

function textReport(report: EvaluationReport): string {
  const percent = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a (no out-of-scope item)');
  return [
    `in-scope accuracy:    ${percent(report.inScopeAccuracy)} (${report.inScope} items)`,
    `out-of-scope recall:  ${percent(report.oosRecall)}${report.outOfScope > 0 ? ` (${report.outOfScope} items)` : ''}`,
    `overall accuracy:     ${percent(report.accuracy)}`,
    `ms per utterance:     ${report.msPerUtterance.toFixed(4)}`,
    `training time:        ${Math.round(report.trainMs)} ms`,
  ].join('\n');
}

/** Runs a CLI body: a CliError (or TrainingError) becomes a message on stderr and exit code 1. */
export async function runCli(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const known = error instanceof CliError || (error instanceof Error && error.name === 'TrainingError');
    process.stderr.write(`${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
    process.exitCode = 1;
  }
}
