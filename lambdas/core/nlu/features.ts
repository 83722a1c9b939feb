import type { Language } from '../domain/language.js';
import { SpellingRepair } from './spelling-repair.js';
import { stem } from './stemmer.js';
import { STOPWORDS } from './stopwords.js';
import { CLAUSE_BOUNDARY, tokenize } from './text-normalizer.js';

const NEGATORS = new Set(['not', 'no', 'never', 'nunca', 'jamas', 'nobody', 'nadie', 'ni', 'nothing', 'nada']);
/** Words that close a negation's scope: "not cancelling, I just need a later day". */
const SCOPE_BREAKERS = new Set(['but', 'just', 'only', 'instead', 'rather', 'pero', 'solo', 'sino', 'mejor', 'and', 'y']);
const NEGATION_SCOPE = 3;
/** Before "not", these express inability ("I can not log in"), not a refusal: no negation scope. */
const INABILITY_MODALS = new Set(['can', 'could']);
export const FEATURE_SETTINGS = {
  /** Weight of the character n-gram group relative to the word group (each L2-normalised). */
  charGroupWeight: 1,
  /** Character n-grams of each word padded with spaces (like scikit-learn's `char_wb`). */
  charGramMin: 2,
  charGramMax: 5,
  bigramWeight: 1,
  /** Stopwords still count as word features (TF-IDF weighs them down), never as characters. */
  stopwordFeatures: 1,
};

/** Raw term counts of a text, before TF-IDF weighting. */
export interface TextTerms {
  /** `w:stem`, `w:!stem` (negated), `w:not`, `b:stem stem` → count. */
  words: Map<string, number>;
  /** `c:gram` → count, from the repaired surface words outside a negation. */
  chars: Map<string, number>;
  /** Share of content words found in the training vocabulary (after spelling repair), 0..1. */
  knownShare: number;
  contentWords: number;
}

/**
 * Word unigrams and bigrams of the stems (negated ones marked), plus character 2- to 5-grams
 * of the repaired words, which carry misspellings and inflections the stemmer misses.
 */
export function extractTerms(text: string, language: Language, speller?: SpellingRepair): TextTerms {
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
      // "can not" / "could not" says the customer is unable to do something, which is what they want done.
      negationLeft = previous !== undefined && INABILITY_MODALS.has(previous) ? 0 : NEGATION_SCOPE;
      add(words, 'w:not', 1);
      previous = 'not';
      continue;
    }
    if (STOPWORDS.has(token)) {
      if (FEATURE_SETTINGS.stopwordFeatures) {
        add(words, `w:${token}`, 1);
        if (previous !== undefined) add(words, `b:${previous} ${token}`, 1);
        previous = token;
      }
      continue;
    }
    const word = speller?.repair(token) ?? token;
    contentWords++;
    if (speller === undefined || speller.isKnown(word)) knownWords++;
    const root = stem(word, language);
    const term = negationLeft > 0 ? `!${root}` : root;
    add(words, `w:${term}`, 1);
    if (previous !== undefined) add(words, `b:${previous} ${term}`, 1);
    previous = term;
    if (negationLeft > 0) negationLeft--;
    else addCharGrams(chars, word);
  }
  return { words, chars, knownShare: contentWords === 0 ? 0 : knownWords / contentWords, contentWords };
}

/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/**
 * The feature space learnt from a training corpus: each feature's index and inverse document
 * frequency. A text becomes sublinear TF-IDF (1 + ln tf) × idf, each group (words, characters)
 * L2-normalised and weighted, the whole vector L2-normalised: a dot product is a cosine.
 */
export class FeatureSpace {
  readonly idf: Float64Array;

  /** documentFrequency[i]: in how many of the `documents` training texts feature i occurs. */
  constructor(
    readonly index: ReadonlyMap<string, number>,
    readonly documents: number,
    readonly documentFrequency: readonly number[],
  ) {
    this.idf = Float64Array.from(documentFrequency, (count) => Math.log((1 + documents) / (1 + count)) + 1);
  }

  /** Builds the space from the training texts' terms; character n-grams seen in fewer than minCharCount texts are left out. */
  static fit(documents: readonly TextTerms[], minCharCount = 1): FeatureSpace {
    const frequency = new Map<string, number>();
    for (const terms of documents) {
      for (const name of terms.words.keys()) frequency.set(name, (frequency.get(name) ?? 0) + 1);
      for (const name of terms.chars.keys()) frequency.set(name, (frequency.get(name) ?? 0) + 1);
    }
    const index = new Map<string, number>();
    const counts: number[] = [];
    for (const [name, count] of frequency) {
      if (count < minCharCount && name.startsWith('c:')) continue;
      index.set(name, index.size);
      counts.push(count);
    }
    return new FeatureSpace(index, documents.length, counts);
  }

  vectorize(terms: TextTerms): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    const group = (counts: Map<string, number>, weight: number, multiplier = (_name: string) => 1) => {
      const start = values.length;
      let sum = 0;
      for (const [name, count] of counts) {
        const index = this.index.get(name);
        if (index === undefined) continue;
        const value = (1 + Math.log(count)) * this.idf[index]! * multiplier(name);
        indices.push(index);
        values.push(value);
        sum += value * value;
      }
      if (sum === 0) return 0;
      const scale = weight / Math.sqrt(sum);
      for (let k = start; k < values.length; k++) values[k]! *= scale;
      return weight * weight;
    };
    const bigram = FEATURE_SETTINGS.bigramWeight;
    let total = group(terms.words, 1, bigram === 1 ? undefined : (name) => (name.startsWith('b:') ? bigram : 1));
    total += group(terms.chars, FEATURE_SETTINGS.charGroupWeight);
    if (total > 0) {
      const scale = 1 / Math.sqrt(total);
      for (let k = 0; k < values.length; k++) values[k]! *= scale;
    }
    return { indices: Int32Array.from(indices), values: Float64Array.from(values) };
  }
}

/** Surface words of a text as the spelling repair sees them (for building the vocabulary). */
export function vocabularyWords(text: string): string[] {
  return tokenize(text).filter((token) => token !== CLAUSE_BOUNDARY && !STOPWORDS.has(token) && !NEGATORS.has(token));
}

function addCharGrams(chars: Map<string, number>, word: string): void {
  const padded = ` ${word} `;
  const { charGramMin, charGramMax } = FEATURE_SETTINGS;
  for (let n = charGramMin; n <= Math.min(charGramMax, padded.length); n++) {
    for (let i = 0; i + n <= padded.length; i++) add(chars, `c:${padded.slice(i, i + n)}`, 1);
  }
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
