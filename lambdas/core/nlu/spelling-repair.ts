/**
 * Spelling repair at Damerau-Levenshtein distance 1 against the model's vocabulary:
 * a symmetric-delete index answers in a few map look-ups per unknown word, where a scan with
 * a general edit distance (or natural's distance-2 spellcheck) would cost milliseconds.
 */
const MIN_REPAIR_LENGTH = 4;

export class SpellingRepair {
  private readonly byDeletion = new Map<string, string[]>();

  /**
   * @param frequency the words to repair towards (one language's training vocabulary), with counts
   * @param otherWords words of the other languages: known as they are, never a repair target
   */
  constructor(
    private readonly frequency: ReadonlyMap<string, number>,
    private readonly otherWords: ReadonlySet<string> = new Set(),
  ) {
    for (const word of frequency.keys()) {
      if (word.length < MIN_REPAIR_LENGTH - 1) continue;
      for (const deletion of deletions(word)) {
        const words = this.byDeletion.get(deletion);
        if (words === undefined) this.byDeletion.set(deletion, [word]);
        else if (!words.includes(word)) words.push(word);
      }
    }
  }

  isKnown(word: string): boolean {
    return this.frequency.has(word) || this.otherWords.has(word);
  }

  /** The most frequent vocabulary word one edit away, or undefined. Known words are returned as is. */
  repair(word: string): string | undefined {
    if (this.isKnown(word)) return word;
    if (word.length < MIN_REPAIR_LENGTH || /[0-9]/.test(word)) return undefined;
    let best: string | undefined;
    let bestCount = 0;
    const consider = (candidate: string): void => {
      const count = this.frequency.get(candidate) ?? 0;
      if (count > bestCount && isOneEditApart(word, candidate)) {
        best = candidate;
        bestCount = count;
      }
    };
    for (const candidate of this.byDeletion.get(word) ?? []) consider(candidate);
    for (const deletion of deletions(word)) {
      consider(deletion);
      for (const candidate of this.byDeletion.get(deletion) ?? []) consider(candidate);
    }
    return best;
  }
}

function deletions(word: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < word.length; i++) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
}

/** One insertion, deletion, substitution or adjacent transposition turns a into b. */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const lengthGap = a.length - b.length;
  if (Math.abs(lengthGap) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  if (lengthGap === 1) return a.slice(start + 1) === b.slice(start);
  if (lengthGap === -1) return a.slice(start) === b.slice(start + 1);
  if (a.slice(start + 1) === b.slice(start + 1)) return true;
  return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
}
