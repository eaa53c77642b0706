// Terminal column widths: East Asian wide and full-width characters take two columns, combining marks none.
import { eastAsianWidth } from 'get-east-asian-width';

/** Zero-width code points: combining marks, joiners, variation selectors. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\p{Variation_Selector}]/u;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ZERO_WIDTH.test(ch)) continue;
    w += eastAsianWidth(cp);
  }
  return w;
}

/** Pads with spaces on the right to `width` columns (never truncates). */
export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Pads with spaces on the left to `width` columns, for numbers. */
export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}
