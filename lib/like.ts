/** `%`, `_` and `\` are wildcards or the escape in LIKE/ILIKE; user text must match them literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching `text` anywhere. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** A LIKE pattern matching values that start with `text`. */
export const startsWithPattern = (text: string) => `${escapeLike(text)}%`;
