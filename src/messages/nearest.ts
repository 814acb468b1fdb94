// Typo suggestions (pure): the known field name an unknown one most likely meant.

/** `unknown field`, and the known name a typo most likely meant: the same letters in another case, or one or two edits away. */
export function unknownField(key: string, known: readonly string[]): string {
  const nearest = nearestName(key, known);
  return nearest ? `unknown field (did you mean ${nearest}?)` : 'unknown field';
}

/** The known name a typo most likely meant: the same letters in another case, or one or two edits away; undefined for none. */
export const nearestName = (key: string, known: readonly string[]): string | undefined =>
  known.find((name) => name.toLowerCase() === key.toLowerCase()) ?? known.find((name) => editDistance(name, key) <= 2);

/** Levenshtein distance, for typo suggestions on short field names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
