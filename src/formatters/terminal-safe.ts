// Text from manifests made safe for a terminal: control characters, escape sequences and bidi overrides shown as visible escapes.

// C0 controls (tab kept), DEL, C1 controls, line/paragraph separators and bidirectional overrides/isolates ("trojan source").
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function visible(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
}

/** One string with every character a terminal would act on replaced by its escape (\x1b, \x0a, \u{202e}). */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, visible);
}

/** A copy of a value (report, summary) with every string in it made terminal-safe; numbers and booleans as they are. */
export function terminalSafeDeep<T>(v: T): T {
  if (typeof v === 'string') return terminalSafe(v) as T;
  if (Array.isArray(v)) return v.map((x) => terminalSafeDeep(x)) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = terminalSafeDeep(x);
    return out as T;
  }
  return v;
}
