// Applies one fix op to the text of one YAML document by splicing only the bytes of the nodes it changes.
import { parseDocument, isAlias, isMap, isScalar, isSeq, isCollection, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from 'yaml';
import type { FixOp } from '../checks/types.js';
import type { Path } from '../core/path.js';
import { formatPath } from '../core/path.js';
import { isDeepStrictEqual } from 'node:util';

export type EditResult = { text: string; changed: boolean } | { error: string };

/** Layout facts of one document that new text should copy: indentation step, list indentation, line ends, key quoting. */
interface Style { unit: number; seqIndent: number | undefined; eol: string }

type AnyNode = Node | null | undefined;

const YAML11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** A string as a plain scalar when it cannot be read as anything else, else double-quoted. */
export function renderString(s: string, json: boolean): string {
  if (!json && /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(s) && !YAML11_WORDS.test(s)) return s;
  return JSON.stringify(s);
}

export function renderScalar(v: unknown, json = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return renderString(v, json);
  throw new Error(`not a scalar: ${JSON.stringify(v)}`);
}

export function renderFlow(v: unknown, json: boolean): string {
  if (Array.isArray(v)) return `[${v.map((x) => renderFlow(x, json)).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return `{${entries.map(([k, x]) => `${renderString(k, json)}: ${renderFlow(x, json)}`).join(', ')}}`;
  }
  return renderScalar(v, json);
}

/** The text after "key:" for a value in block style: " scalar", or a newline and indented lines. */
export function renderBlockValue(v: unknown, indent: number, style: Style): string {
  const pad = (n: number) => ' '.repeat(n);
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []';
    const dashCol = indent - style.unit + (style.seqIndent ?? style.unit);
    return v.map((item) => `${style.eol}${pad(dashCol)}-${renderSeqItem(item, dashCol + 2, style)}`).join('');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return ' {}';
    return entries.map(([k, x]) => `${style.eol}${pad(indent)}${renderString(k, false)}:${renderBlockValue(x, indent + style.unit, style)}`).join('');
  }
  return ` ${renderScalar(v)}`;
}

/** A list item after its "-": the first key of a mapping shares the dash line. */
function renderSeqItem(v: unknown, col: number, style: Style): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return ' {}';
    return ' ' + entries.map(([k, x], i) => `${i === 0 ? '' : `${style.eol}${' '.repeat(col)}`}${renderString(k, false)}:${renderBlockValue(x, col + style.unit, style)}`).join('');
  }
  if (Array.isArray(v)) return ` ${renderFlow(v, false)}`;
  return ` ${renderScalar(v)}`;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
/** Offset just past the newline that ends the line holding offset-1 (a block node's end may already be there). */
function lineEnd(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl === -1 ? text.length : nl + 1;
}

function detectStyle(doc: Document, text: string): Style {
  let unit = Infinity;
  let seqIndent: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (!k?.range || !v?.range || !isCollection(v) || v.flow) return;
      const kc = column(text, k.range[0]);
      if (isMap(v) && v.items.length > 0) {
        const first = v.items[0]!.key as Node | null;
        if (first?.range) {
          const d = column(text, first.range[0]) - kc;
          if (d > 0 && d < unit) unit = d;
        }
      } else if (isSeq(v) && v.items.length > 0 && seqIndent === undefined) {
        // The dash sits two columns before the item's content.
        const item = v.items[0] as Node | null;
        if (item?.range) seqIndent = Math.max(0, column(text, item.range[0]) - 2 - kc);
      }
    },
  });
  return { unit: Number.isFinite(unit) ? unit : 2, seqIndent, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function keyOf(p: Pair): string | undefined {
  const k = p.key as AnyNode;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number' || typeof k.value === 'boolean')) return String(k.value);
  return undefined;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((p) => keyOf(p) === key);
}

function isNullish(n: AnyNode): boolean {
  return n === null || n === undefined || (isScalar(n) && (n.value === null || n.value === undefined));
}

function nested(rest: Path, value: unknown): unknown {
  let v = value;
  for (let i = rest.length - 1; i >= 0; i--) v = { [rest[i] as string]: v };
  return v;
}

function jsonKeys(map: YAMLMap): boolean {
  const first = map.items[0]?.key as AnyNode;
  return isScalar(first) && first.type === 'QUOTE_DOUBLE';
}

/** Position just after the ":" that follows a pair's key. */
function colonEnd(text: string, p: Pair): number {
  const k = p.key as Node;
  const i = text.indexOf(':', k.range![1]);
  return i + 1;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

interface Step { node: Node; pair?: Pair; parent?: YAMLMap | YAMLSeq }

/** Anchored nodes that an alias elsewhere reuses: editing them would also change every place that alias appears. */
function sharedAnchors(doc: Document): Set<string> {
  const used = new Set<string>();
  visit(doc, { Alias(_, a) { used.add(a.source); } });
  return used;
}

/** Applies one op to one document's text. The caller verifies the parsed result. */
export function applyOp(text: string, op: FixOp): EditResult {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, keepSourceTokens: false });
  if (doc.errors.length > 0) return { error: `YAML does not parse: ${doc.errors[0]!.message.split('\n')[0]}` };
  const style = detectStyle(doc, text);
  const shared = sharedAnchors(doc);
  const path = op.path;
  const where = formatPath(path);
  let node: AnyNode = doc.contents as AnyNode;
  const steps: Step[] = [];
  let i = 0;
  let missing: { map: YAMLMap; rest: Path } | { pair: Pair; parent: YAMLMap; rest: Path } | undefined;
  for (; i < path.length; i++) {
    const seg = path[i]!;
    if (isAlias(node)) return { error: `${where}: goes through the alias *${node.source}; change the anchored node by hand` };
    if (node && (node as { anchor?: string }).anchor && shared.has((node as { anchor: string }).anchor)) {
      return { error: `${where}: the node is shared through the anchor &${(node as { anchor: string }).anchor}; change it by hand` };
    }
    if (isMap(node)) {
      const pair = findPair(node, String(seg));
      if (!pair) { missing = { map: node, rest: path.slice(i) }; break; }
      const child = pair.value as AnyNode;
      if (isNullish(child) && i < path.length - 1) { missing = { pair, parent: node, rest: path.slice(i + 1) }; break; }
      steps.push({ node: child as Node, pair, parent: node });
      node = child;
    } else if (isSeq(node)) {
      if (typeof seg !== 'number' || seg >= node.items.length) {
        if (op.op === 'remove') return { text, changed: false };
        return { error: `${where}: no list item ${String(seg)}` };
      }
      const child = node.items[seg] as AnyNode;
      steps.push({ node: child as Node, parent: node });
      node = child;
    } else {
      if (op.op === 'remove') return { text, changed: false };
      return { error: `${where}: ${formatPath(path.slice(0, i)) || 'the document'} is not a mapping` };
    }
  }

  if (op.op === 'remove') {
    if (missing) return { text, changed: false };
    const last = steps[steps.length - 1];
    if (!last) return { error: 'cannot remove the whole document' };
    return { text: removeNode(text, last, steps[steps.length - 2]), changed: true };
  }

  const value = op.value;
  if (missing) {
    if (missing.rest.some((s) => typeof s === 'number')) return { error: `${where}: would have to create a list item` };
    if ('map' in missing) {
      const [key, ...rest] = missing.rest;
      return { text: insertPair(text, missing.map, String(key), nested(rest, value), style), changed: true };
    }
    return { text: fillNull(text, missing.pair, missing.parent, nested(missing.rest, value), style), changed: true };
  }
  const last = steps[steps.length - 1];
  if (!last) return { error: 'cannot replace the whole document' };
  const current = last.node;
  if (!isAlias(current) && current && isDeepStrictEqual(current.toJSON(), value)) return { text, changed: false };
  if (current && (current as { anchor?: string }).anchor && shared.has((current as { anchor: string }).anchor)) {
    return { error: `${where}: the node is shared through the anchor &${(current as { anchor: string }).anchor}; change it by hand` };
  }
  return { text: replaceNode(text, last, value, style), changed: true };
}

function insertPair(text: string, map: YAMLMap, key: string, value: unknown, style: Style): string {
  if (map.flow || map.items.length === 0) {
    const json = jsonKeys(map);
    const entry = `${renderString(key, json)}: ${renderFlow(value, json)}`;
    if (map.items.length === 0) {
      if (!map.range) return text;
      const open = text.indexOf('{', map.range[0]);
      return splice(text, open + 1, open + 1, entry);
    }
    const lastPair = map.items[map.items.length - 1] as Pair;
    const end = ((lastPair.value as AnyNode) ?? (lastPair.key as Node))!.range![1];
    const firstKey = (map.items[0] as Pair).key as Node;
    const between = text.slice(map.range![0], firstKey.range![0]);
    // A flow mapping laid out one entry per line (pretty JSON) gets its new entry on a line of its own.
    const sep = between.includes('\n') ? `,${style.eol}${' '.repeat(column(text, firstKey.range![0]))}` : ', ';
    return splice(text, end, end, sep + entry);
  }
  const firstKey = (map.items[0] as Pair).key as Node;
  const col = column(text, firstKey.range![0]);
  const lastPair = map.items[map.items.length - 1] as Pair;
  const lastNode = ((lastPair.value as AnyNode)?.range ? lastPair.value : lastPair.key) as Node;
  const at = lineEnd(text, lastNode.range![1]);
  let prefix = '';
  if (at === text.length && !text.endsWith('\n')) prefix = style.eol;
  const line = `${prefix}${' '.repeat(col)}${renderString(key, false)}:${renderBlockValue(value, col + style.unit, style)}${style.eol}`;
  return splice(text, at, at, line);
}

/** "key:" or "key: null" gains a value: a block under the key, or a flow value in flow context. */
function fillNull(text: string, pair: Pair, parent: YAMLMap, value: unknown, style: Style): string {
  const v = pair.value as Scalar | null;
  const keyNode = pair.key as Node;
  const cEnd = colonEnd(text, pair);
  let t = text;
  const at = cEnd;
  if (v?.range && v.range[1] > v.range[0]) {
    t = splice(t, v.range[0], v.range[1], '');
  }
  if (parent.flow) {
    const json = jsonKeys(parent);
    const insert = ` ${renderFlow(value, json)}`;
    // Drop a space left before a removed null so "k: null" becomes "k: {…}", not "k:  {…}".
    let s = at;
    while (t[s] === ' ') s++;
    return splice(t, at, s, insert);
  }
  const col = column(text, keyNode.range![0]);
  // The block goes at the end of the key's line, after any comment there.
  const nl = t.indexOf('\n', at);
  let end = nl === -1 ? t.length : nl;
  if (t[end - 1] === '\r') end--;
  let trimmed = end;
  while (trimmed > at && (t[trimmed - 1] === ' ' || t[trimmed - 1] === '\t')) trimmed--;
  const hasComment = /#/.test(t.slice(at, end));
  const insertAt = hasComment ? end : trimmed;
  return splice(t, insertAt, end, renderBlockValue(value, col + style.unit, style));
}

function replaceNode(text: string, step: Step, value: unknown, style: Style): string {
  const node = step.node;
  const collectionValue = value !== null && typeof value === 'object';
  const parentFlow = (step.parent as { flow?: boolean } | undefined)?.flow === true;
  if (!collectionValue) {
    if (isNullish(node) && step.pair && node?.range && node.range[0] === node.range[1]) {
      // "key:" with nothing after it: the value goes after the colon.
      const at = colonEnd(text, step.pair);
      return splice(text, at, at, ` ${renderScalar(value)}`);
    }
    if (isScalar(node) && typeof value === 'string' && node.type === 'QUOTE_DOUBLE') return splice(text, node.range![0], node.range![1], JSON.stringify(value));
    if (isScalar(node) && typeof value === 'string' && node.type === 'QUOTE_SINGLE') return splice(text, node.range![0], node.range![1], `'${value.replace(/'/g, "''")}'`);
    if (isCollection(node) && !node.flow && step.pair) {
      const at = colonEnd(text, step.pair);
      return splice(text, at, node.range![1], ` ${renderScalar(value)}${style.eol}`);
    }
    const json = step.parent && isMap(step.parent) ? jsonKeys(step.parent) : false;
    return splice(text, node.range![0], node.range![1], renderScalar(value, json));
  }
  if (parentFlow || (isCollection(node) && node.flow) || !step.pair) {
    const json = step.parent && isMap(step.parent) ? jsonKeys(step.parent) : false;
    if (!node?.range) return text;
    return splice(text, node.range[0], node.range[1], renderFlow(value, json));
  }
  // A block value replaced by a block value: keep the existing list indentation when there is one.
  const keyCol = column(text, (step.pair.key as Node).range![0]);
  let s = style;
  if (isSeq(node) && !node.flow && node.items.length > 0) {
    const item = node.items[0] as Node;
    s = { ...style, seqIndent: Math.max(0, column(text, item.range![0]) - 2 - keyCol) };
  }
  const at = colonEnd(text, step.pair);
  const end = node?.range ? node.range[1] : at;
  const isBlock = isCollection(node) && !node.flow;
  let tail = '';
  if (isBlock) {
    // A block collection ends after its newline; the replacement must end with one too.
    tail = s.eol;
    if (text[end - 1] === '\n') { /* keep */ } else tail = '';
  }
  const rendered = renderBlockValue(value, keyCol + s.unit, s);
  return splice(text, at, end, rendered + tail);
}

/**
 * Removing the only entry of a block collection that is a key's value leaves that key with an empty flow collection
 * on its own line (`capabilities: {}`), when nothing but spaces sits between the key's colon and the entry (a comment
 * there stays, and the empty collection then goes on the entry's line).
 */
function emptyAfterKey(text: string, outer: Step | undefined, entryStart: number, entryEnd: number, empty: string): string | undefined {
  if (!outer?.pair || !isMap(outer.parent) || outer.parent.flow) return undefined;
  const at = colonEnd(text, outer.pair);
  if (text.slice(at, entryStart).trim() !== '') return undefined;
  return splice(text, at, lineEnd(text, entryEnd) - eolLen(text, lineEnd(text, entryEnd)), ` ${empty}`);
}

function removeNode(text: string, step: Step, outer?: Step): string {
  const parent = step.parent!;
  if (isMap(parent)) {
    const pair = step.pair!;
    const keyNode = pair.key as Node;
    const valueNode = pair.value as AnyNode;
    const valueEnd = valueNode?.range ? valueNode.range[1] : colonEnd(text, pair);
    if (parent.flow) return removeFlowEntry(text, parent, parent.items.indexOf(pair), keyNode.range![0], valueEnd);
    if (parent.items.length === 1) {
      return emptyAfterKey(text, outer, keyNode.range![0], valueEnd, '{}')
        ?? splice(text, keyNode.range![0], lineEnd(text, valueEnd) - eolLen(text, lineEnd(text, valueEnd)), '{}');
    }
    const ls = lineStart(text, keyNode.range![0]);
    const before = text.slice(ls, keyNode.range![0]);
    if (before.trim() !== '') {
      // The first key shares a line with a list dash: the next key moves up to the dash.
      const next = parent.items[parent.items.indexOf(pair) + 1] as Pair | undefined;
      if (next) return splice(text, keyNode.range![0], (next.key as Node).range![0], '');
    }
    return splice(text, ls, lineEnd(text, valueEnd), '');
  }
  const seq = parent as YAMLSeq;
  const idx = seq.items.indexOf(step.node as never);
  const node = step.node;
  if (seq.flow) return removeFlowEntry(text, seq, idx, node.range![0], node.range![1]);
  const dash = text.lastIndexOf('-', node.range![0]);
  if (seq.items.length === 1) {
    return emptyAfterKey(text, outer, dash, node.range![1], '[]')
      ?? splice(text, dash, lineEnd(text, node.range![1]) - eolLen(text, lineEnd(text, node.range![1])), '[]');
  }
  return splice(text, lineStart(text, dash), lineEnd(text, node.range![1]), '');
}

function eolLen(text: string, end: number): number {
  if (text[end - 1] !== '\n') return 0;
  return text[end - 2] === '\r' ? 2 : 1;
}

function removeFlowEntry(text: string, coll: YAMLMap | YAMLSeq, idx: number, start: number, end: number): string {
  let [a, b] = [start, end];
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  const before = /,\s*$/.exec(text.slice(0, start));
  if (coll.items.length > 1 && idx < coll.items.length - 1 && after) b = end + after[0].length;
  else if (coll.items.length > 1 && before) a = start - before[0].length;
  // An entry on a line of its own (pretty JSON) takes its line with it.
  const ls = lineStart(text, a);
  const nl = text.indexOf('\n', b);
  if (text.slice(ls, a).trim() === '' && nl !== -1 && text.slice(b, nl).trim() === '') { a = ls; b = nl + 1; }
  return splice(text, a, b, '');
}
