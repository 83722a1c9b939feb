import model from '../../../intents/model.json' with { type: 'json' };
import type { IntentClassifier } from './classification.js';
import { LinearIntentClassifier } from './linear-intent-classifier.js';
import { asNluModel } from './nlu-model.js';

export type { Classification, ClassifyOptions, IntentClassifier } from './classification.js';
export { AUTOMATABLE_INTENTS, COMPLIANCE_INTENTS } from './classification.js';
export { detectComplianceKeyword } from './compliance-keywords.js';
export { detectLanguage } from './language-detector.js';

/** The shipped engine (`intents/model.json`, built by `npm run nlu:build`): the webhook and `npm run classify` use it. */
export function createIntentClassifier(): IntentClassifier {
  return LinearIntentClassifier.fromModel(asNluModel(model));
}
