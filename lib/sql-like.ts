/** Escapes LIKE/ILIKE wildcards so that user input matches literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
