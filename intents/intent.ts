import type { Language } from '../lambdas/core/domain/language.js';
import type { FulfilmentContext, FulfilmentResult } from '../lambdas/core/conversation/fulfilment.js';

/**
 * One automatable request, in one place: its training phrases per language,
 * its confidence threshold and its fulfilment.
 */
export interface IntentDefinition {
  id: string;
  /** Training utterances per language, as customers text them (typos and all). */
  utterances: Record<Language, readonly string[]>;
  /**
   * Minimum confidence to automate this intent. Higher for intents whose wrong
   * automation costs more (cancelling a visit by mistake).
   */
  threshold?: number;
  fulfil: (context: FulfilmentContext) => Promise<FulfilmentResult>;
}

export function defineIntent(definition: IntentDefinition): IntentDefinition {
  return definition;
}
