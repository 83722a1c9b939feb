import type { Language } from '../domain/language.js';
import { extractTerms, FeatureSpace, vocabularyWords } from './features.js';
import { guessLanguage } from './language-detector.js';
import { calibrate, calibrationInputs, inScopeScore, LinearScorer, type Scored, type Thresholds } from './linear-intent-classifier.js';
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
export const ENGINE_SETTINGS = {
  epochs: 25,
  learningRate: 0.4,
  /** L2 penalties tried by cross-validation on the training corpus; the best one trains the model. */
  l2Grid: [1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 1e-5],
  l2SearchFolds: 3,
  seed: 7,
  folds: 5,
  /** The L2 search cross-validates on at most this many utterances (an even sample of larger corpora). */
  l2SearchMaxItems: 1500,
  /** The cross-validation behind the calibrator and thresholds runs on at most this many (an even sample). */
  calibrationMaxItems: 3000,
  /** Character n-grams found in fewer training texts are left out of the model (size). */
  minCharGramCount: 2,
  /** With labelled out-of-scope texts: share of out-of-scope traffic the thresholds are chosen for. */
  outOfScopeShare: 0.5,
  /**
   * Novelty gate, chosen per corpus from its training data: simulated unknown traffic is the
   * texts of intents left out of training (a quarter of the intents at a time, repeated), plus
   * any labelled out-of-scope texts; the gate maximises the expected accuracy on traffic of
   * which this share is unknown (the share the simulation itself holds out).
   */
  heldOutIntentShare: 0.25,
  heldOutIntentRepeats: 3,
  /** The leave-intents-out simulation trains on at most this many utterances (an even sample). */
  gateSimulationMaxItems: 1500,
  /** Leaving an intent out must leave at least two to tell apart: below this many intents, no gate. */
  gateMinIntents: 3,
};

/**
 * A label that is a corpus's own catch-all answer (LUIS's `None`): texts unlike the intents are
 * labelled with it, so the corpus answers unknown traffic itself and no novelty gate is used.
 */
export const CATCH_ALL_LABELS: ReadonlySet<string> = new Set(['none']);
/** Bump when features or training change, so the committed model is rebuilt. */
export const ENGINE_VERSION = 6;
const WEIGHT_SCALE = 100;
/** Without labelled out-of-scope texts the novelty gate alone refuses: no confidence threshold. */
const UNLABELLED_THRESHOLD = 0;
const MIN_PRUNED_WEIGHT = 5e-3;

export class TrainingError extends Error {
  override readonly name = 'TrainingError';
}

interface LinearFit {
  scorer: LinearScorer;
  labels: string[];
  space: FeatureSpace;
  weights: Float64Array;
  bias: Float64Array;
  centroids: Float64Array;
  vocabulary: Record<Language, Map<string, number>>;
}

export interface Outcome {
  scored: Scored;
  /** The expected intent, or undefined when the text is out of scope. */
  expected: string | undefined;
}

/** Trains the whole engine: L2 penalty by cross-validation, linear model, confidence calibrator and thresholds. */
export function trainModel(corpus: readonly TrainingItem[], options: TrainOptions = {}): NluModel {
  const items = prepare(corpus);
  const l2 = chooseL2(items);
  const outcomes = crossValidate(evenSample(items, ENGINE_SETTINGS.calibrationMaxItems), l2, ENGINE_SETTINGS.folds);
  const calibrator = fitCalibrator(outcomes);
  const thresholds = chooseThresholds(outcomes, calibrator, options);
  const gate = chooseNoveltyGate(items, l2, outcomes);
  const fit = fitLinear(items, l2);
  return exportModel(fit, calibrator, thresholds, gate, options.corpusHash ?? '');
}

export function prepare(corpus: readonly TrainingItem[]): Required<TrainingItem>[] {
  const items = corpus
    .filter((item) => item.text.trim().length > 0)
    .map((item) => ({ ...item, language: item.language ?? guessLanguage(item.text).language }));
  if (items.length === 0) throw new TrainingError('The training corpus is empty.');
  if (!items.some((item) => item.intent !== OUT_OF_SCOPE_LABEL)) {
    throw new TrainingError('The training corpus has no intent to recognise (only out-of-scope texts).');
  }
  return items;
}

export function fitLinear(items: readonly Required<TrainingItem>[], l2: number): LinearFit {
  const labels = [...new Set(items.map((item) => item.intent))].sort();
  const vocabulary: Record<Language, Map<string, number>> = { en: new Map(), es: new Map() };
  for (const item of items) {
    const words = vocabulary[item.language];
    for (const word of vocabularyWords(item.text)) words.set(word, (words.get(word) ?? 0) + 1);
  }
  const terms = items.map((item) => extractTerms(item.text, item.language));
  const space = FeatureSpace.fit(terms, ENGINE_SETTINGS.minCharGramCount);
  const classes = labels.length;
  const centroids = new Float64Array(space.index.size * classes);
  const examples: SparseExample[] = terms.map((textTerms, k) => {
    const label = labels.indexOf(items[k]!.intent);
    const vector = space.vectorize(textTerms);
    for (let j = 0; j < vector.indices.length; j++) centroids[vector.indices[j]! * classes + label]! += vector.values[j]!;
    return { ...vector, label };
  });
  for (let c = 0; c < classes; c++) {
    let sum = 0;
    for (let slot = c; slot < centroids.length; slot += classes) sum += centroids[slot]! * centroids[slot]!;
    const scale = sum === 0 ? 0 : 1 / Math.sqrt(sum);
    for (let slot = c; slot < centroids.length; slot += classes) centroids[slot]! *= scale;
  }
  const settings: SoftmaxSettings = { epochs: ENGINE_SETTINGS.epochs, learningRate: ENGINE_SETTINGS.learningRate, l2, seed: ENGINE_SETTINGS.seed };
  const trained = trainSoftmax(examples, space.index.size, classes, settings);
  const scorer = new LinearScorer(labels, space, trained.weights, trained.bias, centroids, vocabulary);
  return { scorer, labels, space, weights: trained.weights, bias: trained.bias, centroids, vocabulary };
}

/** The L2 penalty of the grid whose cross-validated accuracy on the training corpus is best (ties: the stronger penalty). */
export function chooseL2(items: readonly Required<TrainingItem>[]): number {
  const grid = ENGINE_SETTINGS.l2Grid;
  const sample = evenSample(items, ENGINE_SETTINGS.l2SearchMaxItems);
  let best = grid[0]!;
  let bestRight = -1;
  for (const l2 of grid) {
    const right = crossValidate(sample, l2, ENGINE_SETTINGS.l2SearchFolds).filter(
      (outcome) => outcome.expected === outcome.scored.intent || (outcome.expected === undefined && outcome.scored.margin < 0),
    ).length;
    if (right > bestRight) {
      best = l2;
      bestRight = right;
    }
  }
  return best;
}

/** Every k-th item, so that each intent keeps its share of a capped corpus. */
export function evenSample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, index) => items[Math.floor(index * step)]!);
}

/** K-fold cross-validation: every training text scored by a model that did not see it. */
export function crossValidate(items: readonly Required<TrainingItem>[], l2: number, folds: number): Outcome[] {
  const random = seededRandom(ENGINE_SETTINGS.seed);
  const foldOf = items.map(() => Math.floor(random() * folds));
  const outcomes: Outcome[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const training = items.filter((_, index) => foldOf[index] !== fold);
    if (!training.some((item) => item.intent !== OUT_OF_SCOPE_LABEL)) continue;
    const { scorer, labels } = fitLinear(training, l2);
    items.forEach((item, index) => {
      if (foldOf[index] !== fold) return;
      // An intent too rare to be in this fold's training says nothing: it is not out-of-scope traffic.
      if (!labels.includes(item.intent)) return;
      const expected = item.intent === OUT_OF_SCOPE_LABEL ? undefined : item.intent;
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
  const inputs = rows[0]?.x.length ?? 4;
  const w = new Array<number>(inputs).fill(0);
  let b = 0;
  const l2 = 1e-3;
  for (let iteration = 0; iteration < 3000; iteration++) {
    const gradient = new Array<number>(inputs).fill(0);
    let gradientBias = 0;
    for (const row of rows) {
      let z = b;
      for (let j = 0; j < inputs; j++) z += w[j]! * row.x[j]!;
      const error = (1 / (1 + Math.exp(-z)) - row.y) * row.weight;
      for (let j = 0; j < inputs; j++) gradient[j]! += error * row.x[j]!;
      gradientBias += error;
    }
    for (let j = 0; j < inputs; j++) w[j]! -= 2 * (gradient[j]! + l2 * w[j]!);
    b -= 2 * gradientBias;
  }
  return { weights: [round(w[0]!), round(w[1]!), round(w[2]!), round(w[3]!)], bias: round(b) };
}

/**
 * The shared threshold. With labelled out-of-scope texts it maximises the balanced score on the
 * cross-validated outcomes (an in-scope text answered right and an out-of-scope text refused
 * count the same). Without them, nothing says what unknown traffic looks like: the threshold is
 * a low quantile of the confidences of the cross-validated in-scope texts, so a corpus without
 * out-of-scope traffic loses few answers and a text far from anything seen is still refused.
 * An intent whose misfire costs c handoffs also needs a calibrated confidence above the
 * break-even point c / (1 + c) (2 → 0.67, 4 → 0.8); fixed thresholds override both.
 */
function chooseThresholds(outcomes: readonly Outcome[], calibrator: CalibratorWeights, options: TrainOptions): Thresholds {
  const hasLabelledOutOfScope = outcomes.some((outcome) => outcome.expected === undefined);
  const fallback = hasLabelledOutOfScope ? balancedThreshold(outcomes, calibrator) : UNLABELLED_THRESHOLD;
  const byIntent: Record<string, number> = {};
  for (const [intent, cost] of Object.entries(options.misfireCosts ?? {})) {
    if (cost > 1) byIntent[intent] = round(Math.max(fallback, cost / (1 + cost)));
  }
  return { byIntent: { ...byIntent, ...options.thresholds }, fallback };
}

function balancedThreshold(outcomes: readonly Outcome[], calibrator: CalibratorWeights): number {
  const balance = balanceWeights(outcomes);
  return bestThreshold(
    outcomes.map((outcome) => {
      const right = outcome.expected !== undefined && outcome.expected === outcome.scored.intent;
      const gain = right ? balance.inScope : outcome.expected === undefined ? -balance.outOfScope : 0;
      return { confidence: calibrate(outcome.scored, calibrator), gain };
    }),
  );
}

export interface NoveltyGate {
  /** Minimum in-scope score (top probability × centroid cosine) to automate; 0: no gate. */
  minInScopeScore: number;
  /** Refuse a text none of whose content words the training vocabulary knows. */
  refuseUnknownWords: boolean;
}

/**
 * The novelty gate, from the training corpus only. No gate (and no unknown-word refusal) when the
 * corpus has a catch-all intent (it answers unknown traffic itself) or fewer than
 * `gateMinIntents` intents (nothing to simulate). Otherwise unknown traffic is simulated: a
 * quarter of the intents at a time is left out of training and their texts scored by a model
 * that never saw them (repeated with other draws), together with the cross-validated labelled
 * out-of-scope texts, if any. The gate g maximises
 *   (1 − s) × share of cross-validated in-scope texts answered right and scoring ≥ g
 *   + s × share of simulated unknown texts scoring < g,
 * s = `heldOutIntentShare`, the unknown share of the simulated traffic.
 */
function chooseNoveltyGate(items: readonly Required<TrainingItem>[], l2: number, outcomes: readonly Outcome[]): NoveltyGate {
  const intents = [...new Set(items.map((item) => item.intent))].filter((intent) => intent !== OUT_OF_SCOPE_LABEL).sort();
  if (intents.some((intent) => CATCH_ALL_LABELS.has(intent.toLowerCase())) || intents.length < ENGINE_SETTINGS.gateMinIntents) {
    return { minInScopeScore: 0, refuseUnknownWords: false };
  }
  const unknown = outcomes.filter((outcome) => outcome.expected === undefined).map((outcome) => inScopeScore(outcome.scored));
  const sample = evenSample(items, ENGINE_SETTINGS.gateSimulationMaxItems);
  const random = seededRandom(ENGINE_SETTINGS.seed + 1);
  const groups = Math.round(1 / ENGINE_SETTINGS.heldOutIntentShare);
  for (let repeat = 0; repeat < ENGINE_SETTINGS.heldOutIntentRepeats; repeat++) {
    const order = intents.map((intent) => ({ intent, key: random() })).sort((a, b) => a.key - b.key).map((entry) => entry.intent);
    for (let group = 0; group < groups; group++) {
      const left = new Set(order.filter((_, index) => index % groups === group));
      if (left.size === 0) continue;
      const { scorer } = fitLinear(sample.filter((item) => !left.has(item.intent)), l2);
      for (const item of sample) if (left.has(item.intent)) unknown.push(inScopeScore(scorer.score(item.text, undefined, item.language)));
    }
  }
  const known = outcomes
    .filter((outcome) => outcome.expected !== undefined)
    .map((outcome) => ({ score: inScopeScore(outcome.scored), right: outcome.expected === outcome.scored.intent }));
  if (known.length === 0 || unknown.length === 0) return { minInScopeScore: 0, refuseUnknownWords: true };
  const share = ENGINE_SETTINGS.heldOutIntentShare;
  // Sweep g upwards over every observed score: below g, known texts are lost and unknown ones refused.
  const events = [
    ...known.map((entry) => ({ score: entry.score, gain: entry.right ? -(1 - share) / known.length : 0 })),
    ...unknown.map((score) => ({ score, gain: share / unknown.length })),
  ].sort((a, b) => a.score - b.score);
  let total = 0;
  let bestTotal = 0;
  let best = 0;
  events.forEach((event, index) => {
    total += event.gain;
    const next = events[index + 1]?.score;
    if (next !== undefined && next > event.score && total > bestTotal + 1e-12) {
      bestTotal = total;
      best = (event.score + next) / 2;
    }
  });
  return { minInScopeScore: round(best), refuseUnknownWords: true };
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

function exportModel(
  fit: LinearFit,
  calibrator: CalibratorWeights,
  thresholds: Thresholds,
  gate: NoveltyGate,
  corpusHash: string,
): NluModel {
  const classes = fit.labels.length;
  const features: string[] = [];
  const documentFrequency: number[] = [];
  const weights: number[] = [];
  const centroids: number[] = [];
  const quantise = (weight: number) => (Math.abs(weight) < MIN_PRUNED_WEIGHT ? 0 : Math.round(weight * WEIGHT_SCALE));
  for (const [name, index] of fit.space.index) {
    const slots = fit.weights.subarray(index * classes, (index + 1) * classes);
    const centroid = fit.centroids.subarray(index * classes, (index + 1) * classes);
    if (slots.every((weight) => quantise(weight) === 0) && centroid.every((weight) => quantise(weight) === 0)) continue;
    features.push(name);
    documentFrequency.push(fit.space.documentFrequency[index]!);
    for (const weight of slots) weights.push(quantise(weight) + 0);
    for (const weight of centroid) centroids.push(quantise(weight) + 0);
  }
  return {
    format: MODEL_FORMAT,
    corpusHash,
    labels: fit.labels,
    vocabulary: { en: Object.fromEntries(fit.vocabulary.en), es: Object.fromEntries(fit.vocabulary.es) },
    features,
    documents: fit.space.documents,
    documentFrequency,
    weights,
    weightScale: WEIGHT_SCALE,
    centroids,
    bias: Array.from(fit.bias, round),
    calibrator,
    thresholds: thresholds.byIntent,
    defaultThreshold: thresholds.fallback,
    minInScopeScore: gate.minInScopeScore,
    refuseUnknownWords: gate.refuseUnknownWords,
  };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
