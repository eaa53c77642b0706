// PSA's message helpers: pluralize, joinQuote and Go's %q, so messages read exactly as kubectl shows them.

export function pluralize(singular: string, plural: string, n: number): string {
  return n === 1 ? singular : plural;
}

/** "a", "b" — PSA's joinQuote: each item between double quotes as it is, nothing escaped (not %q). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Go's sort.Strings: byte order, not locale order. */
export function sortBytes(items: Iterable<string>): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const GO_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's %q (strconv.Quote) of a string, as PSA formats annotation values: `"unconfined"`, `"a\"b"`, `"\x00"`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = GO_ESCAPES[ch];
    if (esc !== undefined) { out += esc; continue; }
    if (printable.test(ch)) { out += ch; continue; }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    // a lone surrogate reaches Go's JSON decoder as U+FFFD, which %q prints as it is
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
