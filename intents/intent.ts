import type { Language } from '../lambdas/core/domain/language.js';
import type { FulfilmentContext, FulfilmentResult } from '../lambdas/core/conversation/fulfilment.js';

/**
 * One automatable request, in one place: its training phrases per language and its
 * fulfilment. (Confidence thresholds are chosen on data by the engine: see docs/nlu.md.)
 */
export interface IntentDefinition {
  id: string;
  /** Training utterances per language, as customers text them (typos and all). */
  utterances: Record<Language, readonly string[]>;
  fulfil: (context: FulfilmentContext) => Promise<FulfilmentResult>;
}

export function defineIntent(definition: IntentDefinition): IntentDefinition {
  return definition;
}
