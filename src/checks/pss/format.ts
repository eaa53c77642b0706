// PSA's message helpers: pluralize and joinQuote, so messages read exactly as kubectl shows them.

export function pluralize(singular: string, plural: string, n: number): string {
  return n === 1 ? singular : plural;
}

/** "a", "b" — Go's %q of each item, comma-separated. */
export function joinQuote(items: readonly string[]): string {
  return items.map((s) => JSON.stringify(s)).join(', ');
}

/** Go's sort.Strings: byte order, not locale order. */
export function sortBytes(items: Iterable<string>): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
