import type { Language } from '../domain/language.js';
import type { Classification, ClassifyOptions, IntentClassifier } from './classification.js';
import { extractFeatures } from './features.js';
import { guessLanguage, type LanguageLexicon } from './language-detector.js';
import { type CalibratorWeights, type NluModel, OUT_OF_SCOPE_LABEL } from './nlu-model.js';
import { softmaxInPlace } from './softmax-regression.js';
import { SpellingRepair } from './spelling-repair.js';

/** What the linear model says about a text, before any threshold. */
export interface Scored {
  language: Language;
  /** Best label that is an intent (never the out-of-scope label); undefined when none exists. */
  intent: string | undefined;
  /** Its probability, and its lead over the best other label (negative when out-of-scope leads). */
  probability: number;
  margin: number;
  knownShare: number;
}

/** The linear part of the engine: features → softmax over the labels. */
export class LinearScorer {
  private readonly spellers: Record<Language, SpellingRepair>;
  private readonly lexicon: LanguageLexicon;
  private readonly scores: Float64Array;

  constructor(
    readonly labels: readonly string[],
    private readonly featureIndex: ReadonlyMap<string, number>,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    vocabulary: Readonly<Record<Language, ReadonlyMap<string, number>>>,
  ) {
    this.lexicon = vocabulary;
    this.spellers = {
      en: new SpellingRepair(vocabulary.en, new Set(vocabulary.es.keys())),
      es: new SpellingRepair(vocabulary.es, new Set(vocabulary.en.keys())),
    };
    this.scores = new Float64Array(labels.length);
  }

  score(text: string, storedLanguage?: Language, knownLanguage?: Language): Scored {
    const language = knownLanguage ?? guessLanguage(text, storedLanguage, this.lexicon).language;
    const features = extractFeatures(text, language, this.spellers[language]);
    const classes = this.labels.length;
    const scores = this.scores;
    scores.set(this.bias);
    for (const [name, value] of features.values) {
      const index = this.featureIndex.get(name);
      if (index === undefined) continue;
      const row = index * classes;
      for (let c = 0; c < classes; c++) scores[c]! += this.weights[row + c]! * value;
    }
    softmaxInPlace(scores);
    let best = -1;
    for (let c = 0; c < classes; c++) {
      if (this.labels[c] === OUT_OF_SCOPE_LABEL) continue;
      if (best < 0 || scores[c]! > scores[best]!) best = c;
    }
    let runnerUp = 0;
    for (let c = 0; c < classes; c++) if (c !== best && scores[c]! > runnerUp) runnerUp = scores[c]!;
    const probability = best < 0 ? 0 : scores[best]!;
    return {
      language,
      intent: best < 0 ? undefined : this.labels[best],
      probability,
      margin: probability - runnerUp,
      knownShare: features.knownShare,
    };
  }
}

/** The calibrator's inputs: log-odds of the top probability, its margin, the known-word share. */
export function calibrationInputs(scored: Scored): [number, number, number] {
  const probability = Math.min(Math.max(scored.probability, 1e-4), 1 - 1e-4);
  return [Math.log(probability / (1 - probability)), scored.margin, scored.knownShare];
}

/** Calibrated probability that the top intent is right (and the text in scope). */
export function calibrate(scored: Scored, calibrator: CalibratorWeights): number {
  const inputs = calibrationInputs(scored);
  let z = calibrator.bias;
  for (let j = 0; j < inputs.length; j++) z += calibrator.weights[j]! * inputs[j]!;
  return 1 / (1 + Math.exp(-z));
}

export interface Thresholds {
  byIntent: Readonly<Record<string, number>>;
  fallback: number;
}

export function thresholdFor(intent: string, thresholds: Thresholds): number {
  return thresholds.byIntent[intent] ?? thresholds.fallback;
}

/** The shipped engine: linear scorer, calibrated confidence, per-intent thresholds. */
export class LinearIntentClassifier implements IntentClassifier {
  constructor(
    private readonly scorer: LinearScorer,
    private readonly calibrator: CalibratorWeights,
    private readonly thresholds: Thresholds,
  ) {}

  static fromModel(model: NluModel): LinearIntentClassifier {
    const featureIndex = new Map<string, number>();
    model.features.forEach((name, index) => featureIndex.set(name, index));
    const weights = Float64Array.from(model.weights, (weight) => weight / model.weightScale);
    const scorer = new LinearScorer(
      model.labels,
      featureIndex,
      weights,
      Float64Array.from(model.bias),
      { en: new Map(Object.entries(model.vocabulary.en)), es: new Map(Object.entries(model.vocabulary.es)) },
    );
    return new LinearIntentClassifier(scorer, model.calibrator, {
      byIntent: model.thresholds,
      fallback: model.defaultThreshold,
    });
  }

  classify(text: string, options: ClassifyOptions = {}): Classification {
    const scored = this.scorer.score(text, options.language);
    const confidence = calibrate(scored, this.calibrator);
    const automate = scored.intent !== undefined && confidence >= thresholdFor(scored.intent, this.thresholds);
    return {
      text,
      intent: automate ? scored.intent! : null,
      confidence: Math.round(confidence * 1000) / 1000,
      language: scored.language,
    };
  }
}
