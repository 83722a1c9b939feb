import { createHash } from 'node:crypto';
import type { Language } from '../lambdas/core/domain/language.js';
import { MODEL_FORMAT, OUT_OF_SCOPE_LABEL } from '../lambdas/core/nlu/nlu-model.js';
import { ENGINE_SETTINGS, ENGINE_VERSION, type TrainingItem, type TrainOptions } from '../lambdas/core/nlu/train-model.js';
import * as cancel from './appointment-cancel/utterances.js';
import * as reschedule from './appointment-reschedule/utterances.js';
import * as outOfScope from './out-of-scope/utterances.js';
import * as talkToAgent from './talk-to-agent/utterances.js';
import * as technicianEta from './technician-eta/utterances.js';

/**
 * The product's training corpus: every intent's utterances (only the utterances modules,
 * never fulfilment code) plus the labelled out-of-scope texts.
 */
interface UtterancesModule {
  utterances: Readonly<Record<Language, readonly string[]>>;
  /** Fixed confidence threshold, replacing the one chosen on data. */
  threshold?: number;
  /** Cost of a wrong automation relative to a needless handoff (default 1). */
  misfireCost?: number;
}

const MODULES: ReadonlyArray<[string, UtterancesModule]> = [
  ['technician_eta', technicianEta],
  ['appointment_cancel', cancel],
  ['appointment_reschedule', reschedule],
  ['talk_to_agent', talkToAgent],
  [OUT_OF_SCOPE_LABEL, outOfScope],
];

export interface ProductCorpusItem {
  text: string;
  intent: string;
  language: Language;
}

export function productCorpus(): ProductCorpusItem[] {
  return MODULES.flatMap(([intent, module]) =>
    (Object.entries(module.utterances) as [Language, readonly string[]][]).flatMap(([language, texts]) =>
      texts.map((text) => ({ text, intent, language })),
    ),
  );
}

/** Per-intent settings, as the utterances modules declare them. */
export function productTrainOptions(): Required<Pick<TrainOptions, 'thresholds' | 'misfireCosts'>> {
  const thresholds: Record<string, number> = {};
  const misfireCosts: Record<string, number> = {};
  for (const [intent, module] of MODULES) {
    if (module.threshold !== undefined) thresholds[intent] = module.threshold;
    if (module.misfireCost !== undefined) misfireCosts[intent] = module.misfireCost;
  }
  return { thresholds, misfireCosts };
}

/** Identifies what the shipped model must be built from: a changed corpus means a stale model. */
export function productCorpusHash(): string {
  const payload = JSON.stringify({
    engine: ENGINE_VERSION,
    format: MODEL_FORMAT,
    settings: ENGINE_SETTINGS,
    corpus: productCorpus() satisfies TrainingItem[],
    options: productTrainOptions(),
  });
  return createHash('sha256').update(payload).digest('hex').slice(0, 16);
}
