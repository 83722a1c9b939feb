import type { Language } from '../lambdas/core/domain/language.js';
import type { FollowupAnswer, FulfilmentContext, FulfilmentResult } from '../lambdas/core/conversation/fulfilment.js';

/**
 * One automatable request, in one place: its training phrases per language and its
 * fulfilment. (Confidence thresholds are chosen on data by the engine: see docs/nlu.md.)
 */
export interface IntentDefinition {
  id: string;
  /** Training utterances per language, as customers text them (typos and all). */
  utterances: Record<Language, readonly string[]>;
  fulfil: (context: FulfilmentContext) => Promise<FulfilmentResult>;
  /**
   * The customer's answer to a question this intent asked (its `followup`). Resolves
   * undefined when the text is not an answer (a new topic): the bot then reads it afresh.
   */
  resume?: (context: FulfilmentContext, answer: FollowupAnswer) => Promise<FulfilmentResult | undefined>;
}

export function defineIntent(definition: IntentDefinition): IntentDefinition {
  return definition;
}
