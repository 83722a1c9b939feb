import type { Language } from '../domain/language.js';
import { extractFeatures, vocabularyWords } from './features.js';
import { guessLanguage } from './language-detector.js';
import { calibrate, calibrationInputs, LinearScorer, type Scored, type Thresholds } from './linear-intent-classifier.js';
import { type CalibratorWeights, MODEL_FORMAT, type NluModel, OUT_OF_SCOPE_LABEL } from './nlu-model.js';
import { type SoftmaxSettings, type SparseExample, seededRandom, trainSoftmax } from './softmax-regression.js';

export interface TrainingItem {
  text: string;
  /** An intent id, or OUT_OF_SCOPE_LABEL for texts that must never be automated. */
  intent: string;
  language?: Language;
}

export interface TrainOptions {
  /** Fixed thresholds that replace the data-chosen ones, per intent. */
  thresholds?: Readonly<Record<string, number>>;
  /**
   * What automating an intent wrongly costs, relative to a needless handoff (default 1).
   * The data-chosen threshold of a costlier intent is higher.
   */
  misfireCosts?: Readonly<Record<string, number>>;
  corpusHash?: string;
}

/** The settings the product ships with; `nlu:eval` trains with exactly these. */
export const ENGINE_SETTINGS: SoftmaxSettings & { folds: number; outOfScopeShare: number } = {
  epochs: 25,
  learningRate: 0.4,
  l2: 1e-5,
  seed: 7,
  folds: 5,
  /** Share of out-of-scope traffic the thresholds are chosen for. */
  outOfScopeShare: 0.5,
};
/** Bump when features or training change, so the committed model is rebuilt. */
export const ENGINE_VERSION = 3;
const WEIGHT_SCALE = 1000;
const MIN_PRUNED_WEIGHT = 2e-3;

export class TrainingError extends Error {
  override readonly name = 'TrainingError';
}

interface LinearFit {
  scorer: LinearScorer;
  labels: string[];
  features: string[];
  weights: Float64Array;
  bias: Float64Array;
  vocabulary: Record<Language, Map<string, number>>;
}

interface Outcome {
  scored: Scored;
  /** The expected intent, or undefined when the text is out of scope for that fold's model. */
  expected: string | undefined;
}

/** Trains the whole engine: linear model, confidence calibrator and thresholds. */
export function trainModel(corpus: readonly TrainingItem[], options: TrainOptions = {}): NluModel {
  const items = prepare(corpus);
  const outcomes = crossValidate(items);
  const calibrator = fitCalibrator(outcomes);
  const thresholds = chooseThresholds(outcomes, calibrator, options);
  const fit = fitLinear(items);
  return exportModel(fit, calibrator, thresholds, options.corpusHash ?? '');
}

function prepare(corpus: readonly TrainingItem[]): Required<TrainingItem>[] {
  const items = corpus
    .filter((item) => item.text.trim().length > 0)
    .map((item) => ({ ...item, language: item.language ?? guessLanguage(item.text).language }));
  if (items.length === 0) throw new TrainingError('The training corpus is empty.');
  if (!items.some((item) => item.intent !== OUT_OF_SCOPE_LABEL)) {
    throw new TrainingError('The training corpus has no intent to recognise (only out-of-scope texts).');
  }
  return items;
}

function fitLinear(items: readonly Required<TrainingItem>[]): LinearFit {
  const labels = [...new Set(items.map((item) => item.intent))].sort();
  const vocabulary: Record<Language, Map<string, number>> = { en: new Map(), es: new Map() };
  for (const item of items) {
    const words = vocabulary[item.language];
    for (const word of vocabularyWords(item.text)) words.set(word, (words.get(word) ?? 0) + 1);
  }
  const featureIndex = new Map<string, number>();
  const examples: SparseExample[] = items.map((item) => {
    const { values } = extractFeatures(item.text, item.language);
    const indices = new Int32Array(values.size);
    const weights = new Float64Array(values.size);
    let k = 0;
    for (const [name, value] of values) {
      let index = featureIndex.get(name);
      if (index === undefined) {
        index = featureIndex.size;
        featureIndex.set(name, index);
      }
      indices[k] = index;
      weights[k++] = value;
    }
    return { indices, values: weights, label: labels.indexOf(item.intent) };
  });
  const trained = trainSoftmax(examples, featureIndex.size, labels.length, ENGINE_SETTINGS);
  const scorer = new LinearScorer(labels, featureIndex, trained.weights, trained.bias, vocabulary);
  return { scorer, labels, features: [...featureIndex.keys()], weights: trained.weights, bias: trained.bias, vocabulary };
}

/**
 * K-fold cross-validation. Without labelled out-of-scope texts, each fold also leaves some
 * intents out of training entirely: their texts play the out-of-scope traffic the model has
 * never seen, so the calibrator and thresholds learn what "unknown" looks like on any corpus.
 */
function crossValidate(items: readonly Required<TrainingItem>[]): Outcome[] {
  const folds = ENGINE_SETTINGS.folds;
  const random = seededRandom(ENGINE_SETTINGS.seed);
  const foldOf = items.map(() => Math.floor(random() * folds));
  const intents = [...new Set(items.map((item) => item.intent))].filter((intent) => intent !== OUT_OF_SCOPE_LABEL);
  const hasLabelledOutOfScope = items.some((item) => item.intent === OUT_OF_SCOPE_LABEL);
  const canLeaveIntentsOut = !hasLabelledOutOfScope && intents.length >= 3;
  const outcomes: Outcome[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const leftOut = new Set(canLeaveIntentsOut ? intents.filter((_, index) => index % folds === fold) : []);
    const training = items.filter((item, index) => foldOf[index] !== fold && !leftOut.has(item.intent));
    if (!training.some((item) => item.intent !== OUT_OF_SCOPE_LABEL)) continue;
    const { scorer } = fitLinear(training);
    items.forEach((item, index) => {
      const unseen = leftOut.has(item.intent);
      if (foldOf[index] !== fold && !unseen) return;
      const expected = unseen || item.intent === OUT_OF_SCOPE_LABEL ? undefined : item.intent;
      outcomes.push({ scored: scorer.score(item.text, undefined, item.language), expected });
    });
  }
  return outcomes;
}

/** Weights that give in-scope and out-of-scope outcomes equal total say (when both exist). */
function balanceWeights(outcomes: readonly Outcome[]): { inScope: number; outOfScope: number } {
  const outOfScope = outcomes.filter((outcome) => outcome.expected === undefined).length;
  const inScope = outcomes.length - outOfScope;
  if (outOfScope === 0 || inScope === 0) return { inScope: 1 / outcomes.length, outOfScope: 1 / outcomes.length };
  const prior = ENGINE_SETTINGS.outOfScopeShare;
  return { inScope: (1 - prior) / inScope, outOfScope: prior / outOfScope };
}

/** Logistic calibration (Platt-style) of "the top intent is right" on the cross-validated outcomes. */
function fitCalibrator(outcomes: readonly Outcome[]): CalibratorWeights {
  const balance = balanceWeights(outcomes);
  const rows = outcomes.map((outcome) => ({
    x: calibrationInputs(outcome.scored),
    y: outcome.expected !== undefined && outcome.expected === outcome.scored.intent ? 1 : 0,
    weight: outcome.expected === undefined ? balance.outOfScope : balance.inScope,
  }));
  const w = [0, 0, 0];
  let b = 0;
  const l2 = 1e-3;
  for (let iteration = 0; iteration < 3000; iteration++) {
    const gradient = [0, 0, 0];
    let gradientBias = 0;
    for (const row of rows) {
      const z = b + w[0]! * row.x[0]! + w[1]! * row.x[1]! + w[2]! * row.x[2]!;
      const error = (1 / (1 + Math.exp(-z)) - row.y) * row.weight;
      for (let j = 0; j < 3; j++) gradient[j]! += error * row.x[j]!;
      gradientBias += error;
    }
    for (let j = 0; j < 3; j++) w[j]! -= 2 * (gradient[j]! + l2 * w[j]!);
    b -= 2 * gradientBias;
  }
  return { weights: [round(w[0]!), round(w[1]!), round(w[2]!)], bias: round(b) };
}

/**
 * The shared threshold maximises the balanced score on the cross-validated outcomes: an
 * in-scope text answered right and an out-of-scope text refused count the same. An intent
 * whose misfire costs c handoffs also needs a calibrated confidence above the break-even
 * point c / (1 + c) (2 → 0.67, 4 → 0.8); fixed thresholds override both.
 */
function chooseThresholds(outcomes: readonly Outcome[], calibrator: CalibratorWeights, options: TrainOptions): Thresholds {
  const balance = balanceWeights(outcomes);
  const fallback = bestThreshold(
    outcomes.map((outcome) => {
      const right = outcome.expected !== undefined && outcome.expected === outcome.scored.intent;
      const gain = right ? balance.inScope : outcome.expected === undefined ? -balance.outOfScope : 0;
      return { confidence: calibrate(outcome.scored, calibrator), gain };
    }),
  );
  const byIntent: Record<string, number> = {};
  for (const [intent, cost] of Object.entries(options.misfireCosts ?? {})) {
    if (cost > 1) byIntent[intent] = round(Math.max(fallback, cost / (1 + cost)));
  }
  return { byIntent: { ...byIntent, ...options.thresholds }, fallback };
}

/** Accepting every item at or above t earns the sum of their gains; returns the best t (mid-gap). */
function bestThreshold(items: readonly { confidence: number; gain: number }[]): number {
  const sorted = [...items].sort((a, b) => b.confidence - a.confidence);
  let total = 0;
  let bestTotal = 0;
  let best = sorted.length === 0 ? 0.5 : Math.min(1, sorted[0]!.confidence + 1e-6);
  sorted.forEach((item, index) => {
    total += item.gain;
    const next = sorted[index + 1]?.confidence ?? 0;
    if (total >= bestTotal - 1e-12 && item.confidence > next) {
      bestTotal = total;
      best = (item.confidence + next) / 2;
    }
  });
  return round(best);
}

function exportModel(fit: LinearFit, calibrator: CalibratorWeights, thresholds: Thresholds, corpusHash: string): NluModel {
  const classes = fit.labels.length;
  const features: string[] = [];
  const weights: number[] = [];
  fit.features.forEach((name, index) => {
    const row = Array.from(fit.weights.subarray(index * classes, (index + 1) * classes));
    if (row.every((weight) => Math.abs(weight) < MIN_PRUNED_WEIGHT)) return;
    features.push(name);
    for (const weight of row) weights.push(Math.round(weight * WEIGHT_SCALE));
  });
  return {
    format: MODEL_FORMAT,
    corpusHash,
    labels: fit.labels,
    vocabulary: { en: Object.fromEntries(fit.vocabulary.en), es: Object.fromEntries(fit.vocabulary.es) },
    features,
    weights,
    weightScale: WEIGHT_SCALE,
    bias: Array.from(fit.bias, round),
    calibrator,
    thresholds: thresholds.byIntent,
    defaultThreshold: thresholds.fallback,
  };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
