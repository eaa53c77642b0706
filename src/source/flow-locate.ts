// Positions inside a one-line flow collection ("add: [NET_ADMIN]", "requests: {cpu: 1}"), for the indentation locator.
import type { Path } from '../core/path.js';

interface FlowNode { start: number; seq?: FlowNode[]; map?: { key: string; keyStart: number; value: FlowNode }[] }

class Cursor {
  constructor(readonly s: string, public i: number) {}
  ws(): void { while (this.s[this.i] === ' ') this.i++; }
}

function scalar(c: Cursor, inMapKey: boolean): { text: string; start: number } | undefined {
  const start = c.i;
  const ch = c.s[c.i];
  if (ch === '"') {
    let j = c.i + 1;
    let out = '';
    while (j < c.s.length && c.s[j] !== '"') {
      if (c.s[j] === '\\') return undefined; // escapes: leave to the full parser
      out += c.s[j++];
    }
    if (j >= c.s.length) return undefined;
    c.i = j + 1;
    return { text: out, start };
  }
  if (ch === "'") {
    let j = c.i + 1;
    let out = '';
    for (;;) {
      if (j >= c.s.length) return undefined;
      if (c.s[j] === "'") {
        if (c.s[j + 1] === "'") { out += "'"; j += 2; continue; }
        break;
      }
      out += c.s[j++];
    }
    c.i = j + 1;
    return { text: out, start };
  }
  if (ch === undefined || '&*!?|>%@`#'.includes(ch)) return undefined;
  let j = c.i;
  while (j < c.s.length) {
    const x = c.s[j]!;
    if (x === ',' || x === ']' || x === '}' || x === '[' || x === '{') break;
    if (x === ':' && (c.s[j + 1] === ' ' || (inMapKey && (c.s[j + 1] === ',' || c.s[j + 1] === '}')))) break;
    if (x === '#' && c.s[j - 1] === ' ') return undefined;
    j++;
  }
  c.i = j;
  return { text: c.s.slice(start, j).trimEnd(), start };
}

function node(c: Cursor): FlowNode | undefined {
  c.ws();
  const start = c.i;
  const open = c.s[c.i];
  if (open === '[' || open === '{') {
    c.i++;
    const close = open === '[' ? ']' : '}';
    const seq: FlowNode[] = [];
    const map: { key: string; keyStart: number; value: FlowNode }[] = [];
    c.ws();
    if (c.s[c.i] === close) { c.i++; return open === '[' ? { start, seq } : { start, map }; }
    for (;;) {
      c.ws();
      if (open === '[') {
        const item = node(c);
        if (!item) return undefined;
        seq.push(item);
      } else {
        const k = scalar(c, true);
        if (!k || c.s[c.i] !== ':') return undefined;
        c.i++;
        c.ws();
        const value = c.s[c.i] === ',' || c.s[c.i] === '}' ? { start: c.i } : node(c);
        if (!value) return undefined;
        map.push({ key: k.text, keyStart: k.start, value });
      }
      c.ws();
      if (c.s[c.i] === ',') { c.i++; continue; }
      if (c.s[c.i] === close) { c.i++; break; }
      return undefined;
    }
    return open === '[' ? { start, seq } : { start, map };
  }
  const sc = scalar(c, false);
  return sc ? { start: sc.start } : undefined;
}

/**
 * Column of the deepest node on `path` inside the flow collection that starts at `col` of `line`; null when the
 * first step is missing; undefined when the collection is not a simple one-line flow (ask the full parser).
 */
export function flowLocate(line: string, col: number, path: Path): number | null | undefined {
  const root = node(new Cursor(line, col));
  if (!root) return undefined;
  let cur: FlowNode = root;
  // null: not even the first step exists, so the position stays at the key that holds the collection
  let best: number | null = null;
  for (const seg of path) {
    if (cur.seq && typeof seg === 'number') {
      const item = cur.seq[seg];
      if (!item) return best;
      best = item.start;
      cur = item;
    } else if (cur.map) {
      const pair = cur.map.find((p) => p.key === String(seg));
      if (!pair) return best;
      best = pair.keyStart;
      cur = pair.value;
    } else {
      return best;
    }
  }
  return best;
}
