/**
 * "Did you mean" suggestions: the closest candidates by edit distance, for unknown fields, macros, lists, keys,
 * priorities, sources and event types.
 */

export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      // Adjacent transposition counts as one edit.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (previous[j - 2] ?? value) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** Up to `max` candidates within a distance that grows with the word's length, closest first. */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  const scored: { candidate: string; distance: number }[] = [];
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = candidate.toLowerCase() === lower ? 0.5 : editDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1));
  return scored.slice(0, max).map((entry) => entry.candidate);
}

/** " Did you mean `x`?" or "" — ready to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const found = suggest(word, candidates, 1);
  return found.length > 0 ? ` Did you mean \`${found[0]}\`?` : '';
}
