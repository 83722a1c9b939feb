import { describe, expect, test } from 'vitest';
import { productCorpus, productCorpusHash } from '../../../intents/corpus.js';
import { heldOut } from '../../../intents/held-out.js';
import model from '../../../intents/model.json' with { type: 'json' };
import type { Language } from '../../../lambdas/core/domain/language.js';
import { COMPLIANCE_INTENTS, createIntentClassifier, detectComplianceKeyword } from '../../../lambdas/core/nlu/index.js';

/** The documented floors (docs/nlu.md): a change that drops below them is a regression. */
const IN_SCOPE_ACCURACY_FLOOR = 0.95;
const OUT_OF_SCOPE_AUTOMATED_CEILING = 0.02;

const classifier = createIntentClassifier();
const isCompliance = (intent: string | null) => (COMPLIANCE_INTENTS as readonly (string | null)[]).includes(intent);

/** What the webhook does: compliance keywords first, then the classifier. */
function answer(text: string, language: Language): string | null {
  return detectComplianceKeyword(text) ?? classifier.classify(text, { language }).intent;
}

describe.each(['en', 'es'] as const)('held-out set, %s', (language) => {
  const items = heldOut.filter((item) => item.language === language);

  test(`in-scope accuracy is at least ${IN_SCOPE_ACCURACY_FLOOR}`, () => {
    const inScope = items.filter((item) => item.intent !== null && !isCompliance(item.intent));
    const right = inScope.filter((item) => answer(item.text, language) === item.intent);
    expect(inScope.length).toBeGreaterThan(40);
    expect(right.length / inScope.length).toBeGreaterThanOrEqual(IN_SCOPE_ACCURACY_FLOOR);
  });

  test(`at most ${OUT_OF_SCOPE_AUTOMATED_CEILING * 100}% of out-of-scope texts are automated`, () => {
    const outOfScope = items.filter((item) => item.intent === null);
    const automated = outOfScope.filter((item) => answer(item.text, language) !== null);
    expect(outOfScope.length).toBeGreaterThan(15);
    expect(automated.length / outOfScope.length).toBeLessThanOrEqual(OUT_OF_SCOPE_AUTOMATED_CEILING);
  });

  test('every compliance keyword is recognised', () => {
    const keywords = items.filter((item) => isCompliance(item.intent));
    expect(keywords.length).toBeGreaterThan(0);
    for (const item of keywords) expect(answer(item.text, language)).toBe(item.intent);
  });

  test('every trap gets its labelled answer', () => {
    for (const item of items.filter((candidate) => candidate.trap)) {
      expect({ text: item.text, intent: answer(item.text, language) }).toEqual({ text: item.text, intent: item.intent });
    }
  });
});

describe('the training data', () => {
  test('never contains a held-out text', () => {
    const training = new Set(productCorpus().map((item) => item.text.toLowerCase()));
    expect(heldOut.filter((item) => training.has(item.text.toLowerCase()))).toEqual([]);
  });

  test('has at least 60 utterances per intent and language', () => {
    const counts = new Map<string, number>();
    for (const item of productCorpus()) counts.set(`${item.intent}/${item.language}`, (counts.get(`${item.intent}/${item.language}`) ?? 0) + 1);
    for (const [key, count] of counts) expect({ key, enough: count >= 60 }).toEqual({ key, enough: true });
  });

  test('the committed model is built from the current training data (else run npm run nlu:build)', () => {
    expect(model.corpusHash).toBe(productCorpusHash());
  });
});
