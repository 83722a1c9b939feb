import type { Language } from '../domain/language.js';
import { SpellingRepair } from './spelling-repair.js';
import { stem } from './stemmer.js';
import { STOPWORDS } from './stopwords.js';
import { CLAUSE_BOUNDARY, tokenize } from './text-normalizer.js';

const NEGATORS = new Set(['not', 'no', 'never', 'nunca', 'jamas', 'nobody', 'nadie', 'ni', 'nothing', 'nada']);
/** Words that close a negation's scope: "not cancelling, I just need a later day". */
const SCOPE_BREAKERS = new Set(['but', 'just', 'only', 'instead', 'rather', 'pero', 'solo', 'sino', 'mejor', 'and', 'y']);
const NEGATION_SCOPE = 3;
export const FEATURE_SETTINGS = {
  /** Weight of the character n-gram group relative to the word group (each L2-normalised). */
  charGroupWeight: 0.8,
  charGramMin: 3,
  charGramMax: 4,
  bigramWeight: 1,
};

export interface TextFeatures {
  /** Feature name → value; the word and character groups are each L2-normalised. */
  values: Map<string, number>;
  /** Share of content words found in the training vocabulary (after spelling repair), 0..1. */
  knownShare: number;
  contentWords: number;
}

/**
 * Word unigrams and bigrams of the stems (negated ones marked), plus character 3- and 4-grams
 * of the repaired words, which carry misspellings and inflections the stemmer misses.
 */
export function extractFeatures(text: string, language: Language, speller?: SpellingRepair): TextFeatures {
  const words = new Map<string, number>();
  const chars = new Map<string, number>();
  let previous: string | undefined;
  let contentWords = 0;
  let knownWords = 0;
  let negationLeft = 0;
  for (const token of tokenize(text)) {
    if (token === CLAUSE_BOUNDARY || SCOPE_BREAKERS.has(token)) {
      negationLeft = 0;
      previous = undefined;
      if (token === CLAUSE_BOUNDARY) continue;
    }
    if (NEGATORS.has(token)) {
      negationLeft = NEGATION_SCOPE;
      add(words, 'w:not', 1);
      previous = 'not';
      continue;
    }
    if (STOPWORDS.has(token)) continue;
    const word = speller?.repair(token) ?? token;
    contentWords++;
    if (speller === undefined || speller.isKnown(word)) knownWords++;
    const root = stem(word, language);
    const term = negationLeft > 0 ? `!${root}` : root;
    add(words, `w:${term}`, 1);
    if (previous !== undefined) add(words, `b:${previous} ${term}`, FEATURE_SETTINGS.bigramWeight);
    previous = term;
    if (negationLeft > 0) negationLeft--;
    else addCharGrams(chars, word);
  }
  normalise(words, 1);
  normalise(chars, FEATURE_SETTINGS.charGroupWeight);
  for (const [name, value] of chars) words.set(name, value);
  return { values: words, knownShare: contentWords === 0 ? 0 : knownWords / contentWords, contentWords };
}

/** Surface words of a text as the spelling repair sees them (for building the vocabulary). */
export function vocabularyWords(text: string): string[] {
  return tokenize(text).filter((token) => token !== CLAUSE_BOUNDARY && !STOPWORDS.has(token) && !NEGATORS.has(token));
}

function addCharGrams(chars: Map<string, number>, word: string): void {
  const padded = ` ${word} `;
  for (let n = FEATURE_SETTINGS.charGramMin; n <= FEATURE_SETTINGS.charGramMax; n++) {
    for (let i = 0; i + n <= padded.length; i++) add(chars, `c:${padded.slice(i, i + n)}`, 1);
  }
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function normalise(map: Map<string, number>, norm: number): void {
  let sum = 0;
  for (const value of map.values()) sum += value * value;
  if (sum === 0) return;
  const scale = norm / Math.sqrt(sum);
  for (const [key, value] of map) map.set(key, value * scale);
}
