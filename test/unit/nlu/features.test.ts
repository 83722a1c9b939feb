import { describe, expect, test } from 'vitest';
import { extractTerms } from '../../../lambdas/core/nlu/features.js';

const words = (text: string) => [...extractTerms(text, 'en').words.keys()];

describe('negation scope', () => {
  test.each([
    ["don't cancel, just move it", 'w:!cancel'],
    ['not cancelling, I just need a later day', 'w:!cancel'],
  ])('%j marks the action negated', (text, term) => {
    expect(words(text)).toContain(term);
  });

  test.each([
    ["I can't change my password", 'w:chang'],
    ['we cannot reset the password', 'w:reset'],
    ["couldn't log in", 'w:log'],
  ])('inability (%j) is not a negated request: it keeps %s', (text, term) => {
    expect(words(text)).toContain(term);
    expect(words(text)).toContain('w:not');
  });
});
