// YAML merge keys (`<<: *base`) resolved as kubectl's reader does it: sigs.k8s.io/yaml on go-yaml v2.
// go-yaml v2 applies a mapping's entries in order, a merge writing its keys over what is already there, so
// `{a: 1, <<: {a: 2}}` has a = 2 (the YAML 1.1 merge spec, js-yaml and the yaml library would keep 1).
import type { Alias, Document, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLib } from '../core/yaml-lib.js';

const isAlias = (n: unknown): n is Alias => yamlLib().isAlias(n);
const isMap = (n: unknown): n is YAMLMap => yamlLib().isMap(n);
const isScalar = (n: unknown): n is Scalar => yamlLib().isScalar(n);
const isSeq = (n: unknown): n is YAMLSeq => yamlLib().isSeq(n);
import { resolvePlainScalar, resolveTaggedScalar } from './yaml-schema.js';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** Whether a value js-yaml read has a `<<` key anywhere, i.e. needs reading again with merges. */
export function hasMergeKey(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, '<<')) return true;
    // one push at a time: spreading a list of a million items would overflow the call stack
    for (const x of Array.isArray(v) ? (v as unknown[]) : Object.values(v)) stack.push(x);
  }
  return false;
}

class MergeError extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  // a "__proto__" key is data, never the prototype
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** go-yaml's isMerge: a plain `<<` without a tag, or `<<` tagged !!merge. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || key.value !== '<<') return false;
  return key.tag === MERGE_TAG || (key.tag === undefined && key.type === 'PLAIN');
}

class Builder {
  private readonly built = new Map<Node, unknown>();
  private readonly building = new Set<Node>();
  constructor(private readonly doc: Document) {}

  value(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new MergeError(`unknown anchor ${JSON.stringify(node.source)}`, node.range?.[0] ?? 0);
      if (this.building.has(target)) throw new MergeError(`anchor ${JSON.stringify(node.source)} value contains itself`, node.range?.[0] ?? 0);
      return this.built.has(target) ? this.built.get(target) : this.value(target);
    }
    const n = node as Node;
    this.building.add(n);
    const v = this.construct(n);
    this.building.delete(n);
    if (n.anchor) this.built.set(n, v);
    return v;
  }

  private construct(n: Node): unknown {
    if (isScalar(n)) {
      const text = String(n.value);
      if (n.tag !== undefined && n.tag !== '!') {
        try {
          return resolveTaggedScalar(n.tag, text) ?? text;
        } catch (e) { throw new MergeError((e as Error).message, n.range?.[0] ?? 0); }
      }
      return n.type === 'PLAIN' ? resolvePlainScalar(text) : text;
    }
    if (isSeq(n)) return n.items.map((item) => this.value(item));
    if (!isMap(n)) return null;
    const out: Record<string, unknown> = {};
    const explicit = new Set<string>();
    for (const pair of n.items) {
      if (isMergeKey(pair.key)) { this.merge(pair.value, out, (pair.key as Node).range?.[0] ?? 0); continue; }
      const k = pair.key as Node | null;
      if (k !== null && !isScalar(k) && !isAlias(k)) throw new MergeError('a mapping or list cannot be a key', k.range?.[0] ?? 0);
      const key = String(this.value(k));
      if (explicit.has(key)) throw new MergeError(`duplicated mapping key ${JSON.stringify(key)}`, k?.range?.[0] ?? 0);
      explicit.add(key);
      setKey(out, key, this.value(pair.value));
    }
    return out;
  }

  /** go-yaml's merge: a mapping, an alias of one, or a list of those applied last to first (earlier ones win). */
  private merge(v: unknown, out: Record<string, unknown>, at: number): void {
    const isMapping = (x: unknown): boolean => {
      if (!isAlias(x)) return isMap(x);
      const target = x.resolve(this.doc);
      if (!target) throw new MergeError(`unknown anchor ${JSON.stringify(x.source)}`, x.range?.[0] ?? at);
      return isMap(target);
    };
    const sources = isSeq(v) ? [...v.items].reverse() : [v];
    if (!(isSeq(v) || isMapping(v)) || !sources.every(isMapping)) {
      throw new MergeError('map merge requires map or sequence of maps as the value', at);
    }
    for (const s of sources) {
      const m = this.value(s) as Record<string, unknown>;
      for (const key of Object.keys(m)) setKey(out, key, m[key]);
    }
  }
}

/** One YAML document read with merge keys resolved; errors carry the 1-based line inside `text`. */
export function loadWithMerges(text: string): { value: unknown } | { error: string; line: number } {
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  try {
    const doc = parseDocument(text, { version: '1.1', schema: 'failsafe', merge: false, uniqueKeys: false, lineCounter: lines, prettyErrors: false });
    const first = doc.errors[0];
    if (first) return { error: `YAML does not parse: ${first.message.split('\n')[0]!}`, line: lines.linePos(first.pos[0]).line };
    return { value: new Builder(doc).value(doc.contents) };
  } catch (e) {
    // both the parser and the builder recurse: a document nested thousands deep overflows the stack
    if (e instanceof RangeError) return { error: 'YAML does not parse: nested too deeply', line: 1 };
    if (!(e instanceof MergeError)) throw e;
    const what = e.message.startsWith('duplicated mapping key') ? `duplicate key: ${e.message}` : `YAML does not parse: ${e.message}`;
    return { error: what, line: lines.linePos(e.offset).line };
  }
}
