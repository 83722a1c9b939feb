import type { IntentClassifier } from './classification.js';
import { OUT_OF_SCOPE_LABEL } from './nlu-model.js';

export interface LabelledText {
  text: string;
  intent: string;
}

export interface EvaluationReport {
  inScopeAccuracy: number;
  /** Share of out-of-scope texts refused (null); NaN when the test set has none. */
  oosRecall: number;
  accuracy: number;
  msPerUtterance: number;
  trainMs: number;
  inScope: number;
  outOfScope: number;
}

/**
 * Scores a classifier on a test set: an item whose intent the engine was not trained on
 * (or labelled out-of-scope) is right only when the answer is null.
 */
export function evaluate(
  classifier: IntentClassifier,
  trainedIntents: ReadonlySet<string>,
  test: readonly LabelledText[],
  trainMs: number,
): EvaluationReport {
  let inScope = 0;
  let inScopeRight = 0;
  let outOfScope = 0;
  let refused = 0;
  const start = performance.now();
  for (const item of test) {
    const { intent } = classifier.classify(item.text);
    if (trainedIntents.has(item.intent) && item.intent !== OUT_OF_SCOPE_LABEL) {
      inScope++;
      if (intent === item.intent) inScopeRight++;
    } else {
      outOfScope++;
      if (intent === null) refused++;
    }
  }
  const elapsed = performance.now() - start;
  return {
    inScopeAccuracy: inScope === 0 ? Number.NaN : inScopeRight / inScope,
    oosRecall: outOfScope === 0 ? Number.NaN : refused / outOfScope,
    accuracy: test.length === 0 ? Number.NaN : (inScopeRight + refused) / test.length,
    msPerUtterance: test.length === 0 ? 0 : elapsed / test.length,
    trainMs,
    inScope,
    outOfScope,
  };
}
