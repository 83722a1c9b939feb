import type { Language } from '../domain/language.js';

/**
 * The trained model as shipped (`intents/model.json`): plain JSON, quantised weights, so that it
 * bundles with the Lambda and loads in milliseconds.
 */
export const MODEL_FORMAT = 'switchboard-nlu/4';

/**
 * Label of the labelled out-of-scope examples: trained as a class of its own,
 * never returned as an intent (the classifier answers null instead).
 */
export const OUT_OF_SCOPE_LABEL = 'out_of_scope';

export interface CalibratorWeights {
  /**
   * Weights of [log-odds of the top probability, its margin over the runner-up, known-word share,
   * cosine similarity to the top intent's centroid].
   */
  weights: [number, number, number, number];
  bias: number;
}

export interface NluModel {
  format: typeof MODEL_FORMAT;
  /** Hash of the training corpus and settings the model was built from (staleness check). */
  corpusHash: string;
  labels: string[];
  /** Training vocabulary (surface words) per language, with counts: spelling repair and known-word share. */
  vocabulary: Record<Language, Record<string, number>>;
  features: string[];
  /** Number of training texts, and in how many of them each feature occurs (TF-IDF). */
  documents: number;
  documentFrequency: number[];
  /** weights[feature * labels.length + label], as integers: multiply by 1 / weightScale. */
  weights: number[];
  weightScale: number;
  /**
   * Each label's centroid of its training vectors (L2-normalised), same layout and scale as the
   * weights: the cosine of a text to its intent's centroid says how close it is to what was seen.
   */
  centroids: number[];
  bias: number[];
  calibrator: CalibratorWeights;
  /** Minimum calibrated confidence to automate each intent. */
  thresholds: Record<string, number>;
  /** For intents without a threshold of their own. */
  defaultThreshold: number;
  /** Novelty gate: minimum top probability × centroid cosine to automate (any intent). */
  minInScopeScore: number;
  /** Refuse a text none of whose content words the training vocabulary knows. */
  refuseUnknownWords: boolean;
}

/** Checks the shape of a model read from JSON, so a corrupt or outdated file fails at load time. */
export function asNluModel(value: unknown): NluModel {
  const model = value as Partial<NluModel> | null;
  if (model?.format !== MODEL_FORMAT) {
    throw new Error(`Not an NLU model of format ${MODEL_FORMAT}: rebuild it with npm run nlu:build`);
  }
  const { labels, features, documentFrequency, weights, centroids, bias, calibrator } = model;
  const consistent =
    Array.isArray(labels) &&
    Array.isArray(features) &&
    Array.isArray(documentFrequency) &&
    Array.isArray(weights) &&
    Array.isArray(centroids) &&
    Array.isArray(bias) &&
    documentFrequency.length === features.length &&
    weights.length === features.length * labels.length &&
    centroids.length === weights.length &&
    bias.length === labels.length &&
    calibrator?.weights.length === 4 &&
    typeof model.refuseUnknownWords === 'boolean';
  if (!consistent) throw new Error('The NLU model is inconsistent: rebuild it with npm run nlu:build');
  return model as NluModel;
}
