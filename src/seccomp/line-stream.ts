// Feeds a byte stream to a line callback in bounded memory: chunks are split on \n and over-long lines are cut.
import type { Readable } from 'node:stream';

/** Lines longer than this keep only their start (strace -s/-v lines can be huge; the start names the call). */
export const MAX_LINE = 64 * 1024;

/**
 * Decodes as latin1 (strace escapes non-ASCII bytes, and latin1 is a lossless byte->char map that
 * never splits a multi-byte sequence across chunks).
 */
export async function forEachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  let carry = '';
  let skipping = false;
  for await (const chunk of stream) {
    const s = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('latin1');
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl < 0) break;
      if (skipping) {
        skipping = false;
      } else if (carry.length) {
        onLine(carry + s.slice(start, Math.min(nl, start + MAX_LINE)));
        carry = '';
      } else {
        onLine(nl - start > MAX_LINE ? s.slice(start, start + MAX_LINE) : s.slice(start, nl));
      }
      start = nl + 1;
    }
    if (start < s.length && !skipping) {
      carry += s.slice(start, start + Math.max(0, MAX_LINE - carry.length));
      if (carry.length >= MAX_LINE) {
        onLine(carry);
        carry = '';
        skipping = true;
      }
    }
  }
  if (carry.length && !skipping) onLine(carry);
}
