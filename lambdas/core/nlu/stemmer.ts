import englishStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import spanishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import type { Language } from '../domain/language.js';

const STEMMERS: Record<Language, { stem(token: string): string }> = {
  en: englishStemmer,
  es: spanishStemmer,
};

/** Natural's Porter stemmers (English, Spanish), memoised: SMS vocabulary is small and repeats. */
const cache: Record<Language, Map<string, string>> = { en: new Map(), es: new Map() };
const CACHE_LIMIT = 50_000;

export function stem(token: string, language: Language): string {
  const memo = cache[language];
  let stemmed = memo.get(token);
  if (stemmed === undefined) {
    stemmed = /^[0-9]+$/.test(token) ? token : STEMMERS[language].stem(token);
    if (memo.size < CACHE_LIMIT) memo.set(token, stemmed);
  }
  return stemmed;
}
