// A JSON reader that keeps numbers as their source text and every value's line/column, because seccomp values are uint64.
// JSON.parse rounds integers above 2^53 and forgets positions; lint needs both exact values and locations.

export interface Pos { line: number; column: number }
export type JNode =
  | (Pos & { type: 'object'; entries: JEntry[] })
  | (Pos & { type: 'array'; items: JNode[] })
  | (Pos & { type: 'string'; value: string })
  | (Pos & { type: 'number'; raw: string })
  | (Pos & { type: 'boolean'; value: boolean })
  | (Pos & { type: 'null' });
export interface JEntry { key: string; keyPos: Pos; value: JNode }

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`line ${line}, column ${column}: ${message}`);
  }
}

/** Parses JSON text into position-carrying nodes; throws JsonSyntaxError naming line and column. */
export function parseJsonLossless(text: string): JNode {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const pos = (): Pos => ({ line, column: i - lineStart + 1 });
  const fail = (msg: string): never => { throw new JsonSyntaxError(msg, line, i - lineStart + 1); };
  const ws = (): void => {
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 10) { i++; line++; lineStart = i; } else if (c === 32 || c === 9 || c === 13) i++;
      else return;
    }
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= src.length) fail('unterminated string');
      const c = src.charCodeAt(i);
      if (c === 34) { out += src.slice(start, i); i++; return out; }
      if (c === 10 || c < 0x20) fail('control character in string');
      if (c === 92) {
        out += src.slice(start, i);
        const e = src[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = src.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && map[e] !== undefined) { out += map[e]; i += 2; } else fail(`bad escape \\${e ?? ''}`);
        start = i;
        continue;
      }
      i++;
    }
  };
  const value = (depth: number): JNode => {
    if (depth > 512) fail('nesting too deep');
    ws();
    const p = pos();
    const c = src[i];
    if (c === '{') {
      i++;
      const entries: JEntry[] = [];
      ws();
      if (src[i] === '}') { i++; return { type: 'object', entries, ...p }; }
      for (;;) {
        ws();
        if (src[i] !== '"') fail('expected a quoted key');
        const keyPos = pos();
        const key = str();
        ws();
        if (src[i] !== ':') fail(`expected ':' after key "${key}"`);
        i++;
        entries.push({ key, keyPos, value: value(depth + 1) });
        ws();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === '}') { i++; return { type: 'object', entries, ...p }; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JNode[] = [];
      ws();
      if (src[i] === ']') { i++; return { type: 'array', items, ...p }; }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === ']') { i++; return { type: 'array', items, ...p }; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return { type: 'string', value: str(), ...p };
    const num = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    num.lastIndex = i;
    const m = num.exec(src);
    if (m && m[0].length > 0) { i += m[0].length; return { type: 'number', raw: m[0], ...p }; }
    for (const [word, node] of [['true', { type: 'boolean', value: true }], ['false', { type: 'boolean', value: false }], ['null', { type: 'null' }]] as const) {
      if (src.startsWith(word, i)) { i += word.length; return { ...node, ...p } as JNode; }
    }
    return fail(i >= src.length ? 'unexpected end of input' : `unexpected character '${c}'`);
  };
  const root = value(0);
  ws();
  if (i < src.length) fail('unexpected text after the JSON value');
  return root;
}

/** The exact integer a number node holds, or null for fractions, exponents and non-numbers. */
export function nodeBigInt(n: JNode | undefined): bigint | null {
  if (!n || n.type !== 'number' || !/^-?\d+$/.test(n.raw)) return null;
  return BigInt(n.raw);
}

export function getEntry(n: JNode | undefined, key: string): JEntry | undefined {
  return n && n.type === 'object' ? n.entries.find((e) => e.key === key) : undefined;
}

export function get(n: JNode | undefined, key: string): JNode | undefined {
  return getEntry(n, key)?.value;
}

/** Plain JS value of a node, integers as bigint (for display and loose reading). */
export function toPlain(n: JNode): unknown {
  switch (n.type) {
    case 'object': return Object.fromEntries(n.entries.map((e) => [e.key, toPlain(e.value)]));
    case 'array': return n.items.map(toPlain);
    case 'number': return nodeBigInt(n) ?? Number(n.raw);
    case 'null': return null;
    default: return n.value;
  }
}
