import type { Language } from '../domain/language.js';

/**
 * The trained model as shipped (`intents/model.json`): plain JSON, quantised weights, so that it
 * bundles with the Lambda and loads in milliseconds.
 */
export const MODEL_FORMAT = 'switchboard-nlu/2';

/**
 * Label of the labelled out-of-scope examples: trained as a class of its own,
 * never returned as an intent (the classifier answers null instead).
 */
export const OUT_OF_SCOPE_LABEL = 'out_of_scope';

export interface CalibratorWeights {
  /** Weights of [log-odds of the top probability, its margin over the runner-up, known-word share]. */
  weights: [number, number, number];
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
  /** weights[feature * labels.length + label], as integers: multiply by 1 / weightScale. */
  weights: number[];
  weightScale: number;
  bias: number[];
  calibrator: CalibratorWeights;
  /** Minimum calibrated confidence to automate each intent. */
  thresholds: Record<string, number>;
  /** For intents without a threshold of their own. */
  defaultThreshold: number;
}

/** Checks the shape of a model read from JSON, so a corrupt or outdated file fails at load time. */
export function asNluModel(value: unknown): NluModel {
  const model = value as Partial<NluModel> | null;
  if (model?.format !== MODEL_FORMAT) {
    throw new Error(`Not an NLU model of format ${MODEL_FORMAT}: rebuild it with npm run nlu:build`);
  }
  const { labels, features, weights, bias, calibrator } = model;
  const consistent =
    Array.isArray(labels) &&
    Array.isArray(features) &&
    Array.isArray(weights) &&
    Array.isArray(bias) &&
    weights.length === features.length * labels.length &&
    bias.length === labels.length &&
    calibrator?.weights.length === 3;
  if (!consistent) throw new Error('The NLU model is inconsistent: rebuild it with npm run nlu:build');
  return model as NluModel;
}
