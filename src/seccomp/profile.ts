// The seccomp profile model shared by generate, convert, diff, merge and lint; loads the four dialects losslessly.
import { parseDocument, isMap, isSeq, isScalar, LineCounter, type Node as YNode } from 'yaml';
import { parseJsonLossless, JsonSyntaxError, type JNode, type Pos, get, nodeBigInt } from './json-lossless.js';

export const ACTIONS = [
  'SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', 'SCMP_ACT_TRAP', 'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE', 'SCMP_ACT_ALLOW', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY',
] as const;
export const OPS = ['SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_EQ', 'SCMP_CMP_GE', 'SCMP_CMP_GT', 'SCMP_CMP_MASKED_EQ'] as const;

export type Dialect = 'oci' | 'docker' | 'containers' | 'spo';

export interface ArgCond { index: number; value: bigint; valueTwo?: bigint; op: string }
export interface Filter { caps?: string[]; arches?: string[]; minKernel?: string }
export interface Rule {
  names: string[];
  action: string;
  errnoRet?: number;
  /** containers/common errno name */
  errno?: string;
  args?: ArgCond[];
  comment?: string;
  includes?: Filter;
  excludes?: Filter;
  /** Docker's legacy single `name`; kept apart because containerd ignores it */
  legacyName?: string;
}
export interface Profile {
  defaultAction: string;
  defaultErrnoRet?: number;
  defaultErrno?: string;
  architectures?: string[];
  archMap?: Array<{ architecture: string; subArchitectures: string[] }>;
  flags?: string[];
  listenerPath?: string;
  listenerMetadata?: string;
  syscalls: Rule[];
}

export interface LoadedProfile {
  profile: Profile;
  /** root of the profile object itself (the CRD's `spec` for SPO YAML), with positions */
  node: JNode;
  dialect: Dialect;
  /** metadata.name of an SPO SeccompProfile */
  crdName?: string;
}

export class ProfileError extends Error {
  constructor(message: string, readonly line: number | null, readonly column: number | null = null) { super(message); }
}

/** Converts a YAML node (ints as bigint) into the position-carrying JSON node shape. */
function yamlToJNode(n: YNode | null | undefined, lc: LineCounter): JNode {
  const p = (offset: number | undefined): Pos => {
    const lp = lc.linePos(offset ?? 0);
    return { line: lp.line, column: lp.col };
  };
  if (!n) return { type: 'null', line: 0, column: 0 };
  const pos = p(n.range?.[0]);
  if (isMap(n)) {
    return {
      type: 'object', ...pos, entries: n.items.map((it) => {
        const k = it.key as YNode;
        return { key: String(isScalar(k) ? k.value : k), keyPos: p(k?.range?.[0]), value: yamlToJNode(it.value as YNode, lc) };
      }),
    };
  }
  if (isSeq(n)) return { type: 'array', ...pos, items: n.items.map((it) => yamlToJNode(it as YNode, lc)) };
  if (isScalar(n)) {
    const v = n.value;
    if (typeof v === 'bigint' || typeof v === 'number') return { type: 'number', raw: String(v), ...pos };
    if (typeof v === 'boolean') return { type: 'boolean', value: v, ...pos };
    if (v === null) return { type: 'null', ...pos };
    return { type: 'string', value: String(v), ...pos };
  }
  return { type: 'null', ...pos };
}

/** Parses profile text: JSON (any of the JSON dialects) or an SPO SeccompProfile YAML. */
export function parseProfileText(text: string): LoadedProfile {
  const trimmed = text.trimStart();
  let node: JNode;
  let crdName: string | undefined;
  let isSpo = false;
  if (trimmed.startsWith('{')) {
    try { node = parseJsonLossless(text); } catch (e) {
      if (e instanceof JsonSyntaxError) throw new ProfileError(`not valid JSON: ${e.message}`, e.line, e.column);
      throw e;
    }
  } else {
    const lc = new LineCounter();
    const doc = parseDocument(text, { intAsBigInt: true, lineCounter: lc, uniqueKeys: true });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      throw new ProfileError(`not valid JSON or YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line ?? null, e.linePos?.[0]?.col ?? null);
    }
    const root = yamlToJNode(doc.contents as YNode, lc);
    const kind = get(root, 'kind');
    if (kind?.type === 'string' && kind.value === 'SeccompProfile') {
      isSpo = true;
      const spec = get(root, 'spec');
      if (!spec) throw new ProfileError('SeccompProfile has no spec', root.line);
      node = spec;
      const name = get(get(root, 'metadata'), 'name');
      if (name?.type === 'string') crdName = name.value;
    } else node = root;
  }
  if (node.type !== 'object') throw new ProfileError('a seccomp profile must be a JSON object', node.line, node.column);
  const profile = profileFromNode(node);
  return { profile, node, dialect: isSpo ? 'spo' : detectDialect(node), ...(crdName ? { crdName } : {}) };
}

function detectDialect(n: JNode): Dialect {
  const keys = new Set(n.type === 'object' ? n.entries.map((e) => e.key) : []);
  const rules = get(n, 'syscalls');
  const ruleKeys = new Set<string>();
  if (rules?.type === 'array') for (const r of rules.items) if (r.type === 'object') r.entries.forEach((e) => ruleKeys.add(e.key));
  if (keys.has('defaultErrno') || ruleKeys.has('errno')) return 'containers';
  if (keys.has('archMap') || ruleKeys.has('name') || ruleKeys.has('includes') || ruleKeys.has('excludes') || ruleKeys.has('comment')) return 'docker';
  return 'oci';
}

const str = (n: JNode | undefined): string | undefined => (n?.type === 'string' ? n.value : undefined);
const strs = (n: JNode | undefined): string[] | undefined =>
  n?.type === 'array' ? n.items.filter((i): i is JNode & { type: 'string' } => i.type === 'string').map((i) => i.value) : undefined;
const int = (n: JNode | undefined): number | undefined => {
  const b = nodeBigInt(n);
  return b === null ? undefined : Number(b);
};
function filter(n: JNode | undefined): Filter | undefined {
  if (!n || n.type !== 'object') return undefined;
  const f: Filter = {};
  const caps = strs(get(n, 'caps'));
  const arches = strs(get(n, 'arches'));
  const mk = str(get(n, 'minKernel'));
  if (caps?.length) f.caps = caps;
  if (arches?.length) f.arches = arches;
  if (mk) f.minKernel = mk;
  return f;
}

/** Reads the model leniently: lint reports what is malformed; this keeps what is usable. */
export function profileFromNode(n: JNode): Profile {
  const p: Profile = { defaultAction: str(get(n, 'defaultAction')) ?? '', syscalls: [] };
  const de = int(get(n, 'defaultErrnoRet'));
  if (de !== undefined) p.defaultErrnoRet = de;
  const den = str(get(n, 'defaultErrno'));
  if (den) p.defaultErrno = den;
  const arches = strs(get(n, 'architectures'));
  if (arches) p.architectures = arches;
  const am = get(n, 'archMap');
  if (am?.type === 'array') {
    p.archMap = am.items.map((i) => ({ architecture: str(get(i, 'architecture')) ?? '', subArchitectures: strs(get(i, 'subArchitectures')) ?? [] }));
  }
  const flags = strs(get(n, 'flags'));
  if (flags) p.flags = flags;
  const lp = str(get(n, 'listenerPath'));
  if (lp) p.listenerPath = lp;
  const lm = str(get(n, 'listenerMetadata'));
  if (lm) p.listenerMetadata = lm;
  const rules = get(n, 'syscalls');
  if (rules?.type === 'array') {
    for (const r of rules.items) {
      if (r.type !== 'object') continue;
      const rule: Rule = { names: strs(get(r, 'names')) ?? [], action: str(get(r, 'action')) ?? '' };
      const legacy = str(get(r, 'name'));
      if (legacy !== undefined) rule.legacyName = legacy;
      const er = int(get(r, 'errnoRet'));
      if (er !== undefined) rule.errnoRet = er;
      const en = str(get(r, 'errno'));
      if (en) rule.errno = en;
      const c = str(get(r, 'comment'));
      if (c) rule.comment = c;
      const inc = filter(get(r, 'includes'));
      if (inc && Object.keys(inc).length) rule.includes = inc;
      const exc = filter(get(r, 'excludes'));
      if (exc && Object.keys(exc).length) rule.excludes = exc;
      const args = get(r, 'args');
      if (args?.type === 'array' && args.items.length) {
        rule.args = args.items.filter((a) => a.type === 'object').map((a) => {
          const cond: ArgCond = { index: int(get(a, 'index')) ?? 0, value: nodeBigInt(get(a, 'value')) ?? 0n, op: str(get(a, 'op')) ?? '' };
          const v2 = nodeBigInt(get(a, 'valueTwo'));
          if (v2 !== null) cond.valueTwo = v2;
          return cond;
        });
      }
      p.syscalls.push(rule);
    }
  }
  return p;
}

/** Names a rule applies to, as Docker reads it (legacy `name` counts). */
export function ruleNames(r: Rule, runtime: 'docker' | 'containerd' | 'cri-o' = 'docker'): string[] {
  if (runtime === 'containerd') return r.names;
  return r.legacyName ? [...r.names, r.legacyName] : r.names;
}
