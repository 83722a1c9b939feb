import type { Language } from '../domain/language.js';
import type { Classification, ClassifyOptions, IntentClassifier } from './classification.js';
import { extractTerms, FeatureSpace } from './features.js';
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
  /** Cosine of the text's vector to the top intent's centroid: how close it is to what was seen. */
  similarity: number;
}

/** The linear part of the engine: TF-IDF features → softmax over the labels, and centroid cosines. */
export class LinearScorer {
  private readonly spellers: Record<Language, SpellingRepair>;
  private readonly lexicon: LanguageLexicon;
  private readonly scores: Float64Array;
  private readonly similarities: Float64Array;

  constructor(
    readonly labels: readonly string[],
    private readonly space: FeatureSpace,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    /** Same layout as the weights: each label's L2-normalised centroid. */
    private readonly centroids: Float64Array,
    vocabulary: Readonly<Record<Language, ReadonlyMap<string, number>>>,
  ) {
    this.lexicon = vocabulary;
    this.spellers = {
      en: new SpellingRepair(vocabulary.en, new Set(vocabulary.es.keys())),
      es: new SpellingRepair(vocabulary.es, new Set(vocabulary.en.keys())),
    };
    this.scores = new Float64Array(labels.length);
    this.similarities = new Float64Array(labels.length);
  }

  score(text: string, storedLanguage?: Language, knownLanguage?: Language): Scored {
    const language = knownLanguage ?? guessLanguage(text, storedLanguage, this.lexicon).language;
    const terms = extractTerms(text, language, this.spellers[language]);
    const vector = this.space.vectorize(terms);
    const classes = this.labels.length;
    const scores = this.scores;
    const similarities = this.similarities;
    scores.set(this.bias);
    similarities.fill(0);
    for (let k = 0; k < vector.indices.length; k++) {
      const row = vector.indices[k]! * classes;
      const value = vector.values[k]!;
      for (let c = 0; c < classes; c++) {
        scores[c]! += this.weights[row + c]! * value;
        similarities[c]! += this.centroids[row + c]! * value;
      }
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
      knownShare: terms.knownShare,
      similarity: best < 0 ? 0 : Math.max(0, similarities[best]!),
    };
  }
}

/** The calibrator's inputs: log-odds of the top probability, its margin, the known-word share, the centroid cosine. */
export function calibrationInputs(scored: Scored): [number, number, number, number] {
  const probability = Math.min(Math.max(scored.probability, 1e-4), 1 - 1e-4);
  return [Math.log(probability / (1 - probability)), scored.margin, scored.knownShare, scored.similarity];
}

/** How much a text looks like its top intent's training texts: top probability × centroid cosine. */
export function inScopeScore(scored: Scored): number {
  return scored.probability * scored.similarity;
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
    private readonly minInScopeScore: number,
    private readonly refuseUnknownWords = true,
  ) {}

  static fromModel(model: NluModel): LinearIntentClassifier {
    const featureIndex = new Map<string, number>();
    model.features.forEach((name, index) => featureIndex.set(name, index));
    const scale = 1 / model.weightScale;
    const scorer = new LinearScorer(
      model.labels,
      new FeatureSpace(featureIndex, model.documents, model.documentFrequency),
      Float64Array.from(model.weights, (weight) => weight * scale),
      Float64Array.from(model.bias),
      Float64Array.from(model.centroids, (weight) => weight * scale),
      { en: new Map(Object.entries(model.vocabulary.en)), es: new Map(Object.entries(model.vocabulary.es)) },
    );
    return new LinearIntentClassifier(scorer, model.calibrator, {
      byIntent: model.thresholds,
      fallback: model.defaultThreshold,
    }, model.minInScopeScore, model.refuseUnknownWords);
  }

  classify(text: string, options: ClassifyOptions = {}): Classification {
    const scored = this.scorer.score(text, options.language);
    const confidence = calibrate(scored, this.calibrator);
    const automate =
      scored.intent !== undefined &&
      (scored.knownShare > 0 || !this.refuseUnknownWords) &&
      inScopeScore(scored) >= this.minInScopeScore &&
      confidence >= thresholdFor(scored.intent, this.thresholds);
    return {
      text,
      intent: automate ? scored.intent! : null,
      confidence: Math.round(confidence * 1000) / 1000,
      language: scored.language,
    };
  }
}
