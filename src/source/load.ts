// Reads manifests (files, folders, stdin) into objects, each with its origin; every problem becomes an error with a line.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import jsyaml from 'js-yaml';
import type { InputError } from '../core/report.js';
import type { Path } from '../core/path.js';
import { isObj, type Obj } from '../k8s/values.js';
import { K8S_YAML_SCHEMA } from './yaml-schema.js';
import { Locator } from './locate.js';
import type { InputText } from './input-text.js';
import { duplicateJsonKey } from './json-keys.js';
import { hasMergeKey, loadWithMerges } from './merge-keys.js';
import { yamlLib } from '../core/yaml-lib.js';

import { collectInputs, type InputOptions } from './inputs.js';
import { pushAll } from '../core/push-all.js';

export { expandInputs, MANIFEST_EXTENSIONS } from './walk.js';

/** Objects of an input, what could not be read, and inputs skipped on purpose (with why). */
export interface ParseResult {
  objects: SourceObject[];
  errors: InputError[];
  skipped?: InputError[];
  /** documents that are no Kubernetes object (values files, package.json, tool configs): passed over, only counted */
  ignored?: number;
}

/** Beyond this many aliases in one document, treat it as an alias bomb rather than expand it. */
export const MAX_ALIASES = 100;
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** One Kubernetes object read from a source, with what is needed to point at its lines. */
export interface SourceObject {
  file: string;
  /** 0-based document index in the file */
  doc: number;
  object: Obj;
  /** path of this object inside its document ([] unless it is an item of a List) */
  basePath: Path;
  locator: Locator;
}

export type { InputText };

async function readStdin(maxBytes: number): Promise<Buffer | InputError> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of process.stdin) {
    total += (c as Buffer).length;
    if (total > maxBytes) return { file: '<stdin>', line: null, message: tooLarge(maxBytes) };
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (maxBytes: number): string => `more than the limit of ${maxBytes} bytes (raise it with --max-file-size)`;

/**
 * Reads a file, counting bytes as they come: a size from stat means nothing for a pipe or a file that grows.
 * Synchronous on purpose: a scan reads one file at a time, and five thread-pool round trips per small file
 * (open, stat, read, read, close) left a folder scan idle for a third of its time.
 */
function readLimited(file: string, maxBytes: number): Buffer | InputError {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() && !st.isFIFO()) return { file, line: null, message: 'not a regular file: not read' };
    // One buffer sized by stat (a hint only: one byte more, to see growth) read in place: a 23 MB file in
    // 1 MiB pieces cost two copies of every byte, a tenth of a large scan. A file that grows doubles it.
    let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, st.isFile() ? Math.max(4096, st.size + 1) : 64 * 1024));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const bytesRead = readSync(fd, buf, total, buf.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { file, line: null, message: tooLarge(maxBytes) };
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

/** Reads one input as UTF-8 text; binary and non-UTF-8 content is an error, not garbage objects. */
export async function readInput(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<InputText | InputError> {
  const name = file === '-' ? '<stdin>' : file;
  let buf: Buffer;
  try {
    const r = file === '-' ? await readStdin(maxBytes) : readLimited(file, maxBytes);
    if (!Buffer.isBuffer(r)) return r;
    buf = r;
  } catch (e) {
    return { file: name, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) return { file: name, line: lineAt(buf, nul), message: 'binary data (NUL byte): not a YAML or JSON manifest' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { file: name, line: firstBadUtf8Line(buf), message: 'not valid UTF-8: manifests must be UTF-8 text' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file: name, text };
}

function lineAt(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 10) line++;
  return line;
}

function firstBadUtf8Line(buf: Buffer): number {
  let start = 0;
  let line = 1;
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 10) {
      try { dec.decode(buf.subarray(start, i)); } catch { return line; }
      start = i + 1;
      line++;
    }
  }
  return 1;
}

export interface Chunk { text: string; startLine: number }

/** Splits a YAML stream at document markers ("---" / "..." at the start of a line), which YAML forbids inside content. */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const re = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let startLine = 1;
  let line = 1;
  let lastIdx = 0;
  let m: RegExpExecArray | null;
  const countLines = (from: number, to: number): number => {
    let n = 0;
    for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
    return n;
  };
  while ((m = re.exec(text)) !== null) {
    line += countLines(lastIdx, m.index);
    lastIdx = m.index;
    if (m.index > start || chunks.length > 0 || m.index > 0) chunks.push({ text: text.slice(start, m.index), startLine });
    if (m[1] === '---') {
      // "--- {a: 1}" starts a document on the marker line itself: keep the marker's line, blank the marker.
      start = m.index;
      startLine = line;
    } else {
      const eol = text.indexOf('\n', m.index);
      start = eol === -1 ? text.length : eol + 1;
      startLine = line + 1;
    }
  }
  chunks.push({ text: text.slice(start), startLine });
  return chunks.map((c) => ({ text: c.text.startsWith('---') ? `   ${c.text.slice(3)}` : c.text, startLine: c.startLine }));
}

/** True when a document holds only whitespace and comments: one pass over its lines, so a banner of `#` costs its length. */
export function isBlank(text: string): boolean {
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end).trim();
    if (line !== '' && !line.startsWith('#')) return false;
    start = end + 1;
  }
  return true;
}
const aliasRe = /(?:^|[\s[{,:-])\*[^\s,\]}]+/g;

function countAliases(text: string): number {
  if (!text.includes('*')) return 0;
  return text.match(aliasRe)?.length ?? 0;
}

/** Deeper than this, a document is refused: the API server's own decoders stop far earlier for real objects. */
export const MAX_DEPTH = 200;

const TOO_DEEP = `nesting too deep to read (more than ${MAX_DEPTH} levels)`;

type Parsed = { value: unknown } | { error: string; line: number };

/** A parser's exception in words a user can act on, at the line it concerns (the document's first when unknown). */
function parseFailure(e: unknown, chunk: Chunk): { error: string; line: number } {
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError || msg.includes('call stack')) return { error: TOO_DEEP, line: chunk.startLine };
  const alias = /^Unresolved alias[^:]*: (\S+)/.exec(msg);
  if (alias) {
    const at = chunk.text.indexOf(`*${alias[1]}`);
    const line = at === -1 ? 0 : chunk.text.slice(0, at).split('\n').length - 1;
    return { error: `undefined alias *${alias[1]}: no anchor &${alias[1]} before it`, line: chunk.startLine + line };
  }
  if (/^Merge sources must be/.test(msg)) return { error: 'merge key (<<) of something that is not a mapping', line: chunk.startLine };
  return { error: `YAML does not parse: ${msg.split('\n')[0]}`, line: chunk.startLine };
}

/** Parses one document: js-yaml first (fast), `yaml` when js-yaml refuses valid YAML; positions come from the error. */
function parseChunk(chunk: Chunk): Parsed {
  if (countAliases(chunk.text) > MAX_ALIASES) {
    return { error: `more than ${MAX_ALIASES} aliases in one document (possible alias bomb); refusing to expand`, line: chunk.startLine };
  }
  // `<<` merge keys need go-yaml v2's rules, which neither js-yaml nor `yaml` follows: read those documents again
  const mayMerge = chunk.text.includes('<<');
  try {
    const value = jsyaml.load(chunk.text, { schema: K8S_YAML_SCHEMA });
    if (!mayMerge || !hasMergeKey(value)) return { value };
  } catch (e) {
    if (e instanceof RangeError) return parseFailure(e, chunk);
    if (mayMerge) return atChunk(chunk, loadWithMerges(chunk.text));
    const err = e as { reason?: string; mark?: { line: number } };
    if (err.reason?.startsWith('duplicated mapping key')) {
      return { error: `duplicate key: ${err.reason}`, line: chunk.startLine + (err.mark?.line ?? 0) };
    }
    // js-yaml rejects some valid YAML; let the full parser decide.
    try {
      const docs = yamlLib().parseAllDocuments(chunk.text, { version: '1.1', uniqueKeys: true, prettyErrors: false });
      const list = Array.isArray(docs) ? docs : [];
      const d = list[0];
      if (d && d.errors.length === 0) return { value: d.toJS({ maxAliasCount: MAX_ALIASES }) };
      const first = d?.errors[0];
      const line = first?.linePos?.[0]?.line ?? ((err.mark?.line ?? 0) + 1);
      const what = first ? first.message.split('\n')[0]! : (err.reason ?? String(e));
      if (what.includes('call stack')) return { error: TOO_DEEP, line: chunk.startLine };
      return { error: `YAML does not parse: ${what}`, line: chunk.startLine + line - 1 };
    } catch (e2) {
      return parseFailure(e2, chunk);
    }
  }
  return atChunk(chunk, loadWithMerges(chunk.text));
}

function atChunk(chunk: Chunk, r: ReturnType<typeof loadWithMerges>): { value: unknown } | { error: string; line: number } {
  return 'error' in r ? { error: r.error, line: chunk.startLine + r.line - 1 } : r;
}

/** How deep a value nests, counted without recursion (a hostile document must not overflow the stack here). */
export function depthOf(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const c of Array.isArray(v) ? v : Object.values(v)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return max;
}

function parseJson(file: string, text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    // tsconfig.json and other JSON-with-comments files are not manifests; a broken manifest names its kind.
    if (!text.includes('"kind"')) return { objects: [], errors: [], ignored: 1 };
    if (e instanceof RangeError) return { objects: [], errors: [{ file, line: 1, message: TOO_DEEP }] };
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : 1;
    return { objects: [], errors: [{ file, line, message: `JSON does not parse: ${msg}` }] };
  }
  const dup = duplicateJsonKey(text);
  if (dup) return { objects: [], errors: [{ file, line: dup.line, message: `duplicate key: duplicated mapping key ${JSON.stringify(dup.key)}` }] };
  return collect(file, 0, value, new Locator({ file, text, startLine: 1 }), 1);
}

/** Configuration files of tools around a cluster: they have apiVersion and kind, but no cluster ever holds them. */
export function isToolConfig(apiVersion: string, kind: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  if (apiVersion === 'v1' && kind === 'Config') return true; // a kubeconfig
  if (apiVersion.startsWith('skaffold/')) return true;
  return group === 'config.k8s.io' || group.endsWith('.config.k8s.io') || TOOL_GROUPS.has(group);
}
const TOOL_GROUPS = new Set(['kind.x-k8s.io', 'kubeadm.k8s.io', 'audit.k8s.io', 'apiserver.k8s.io', 'client.authentication.k8s.io', 'ctlptl.dev', 'k3d.io']);

const ignoredOnly = (): ParseResult => ({ objects: [], errors: [], ignored: 1 });

/** Objects of one document: the document itself, or each item of a kind: List / *List. Anything else is no object, and skipped. */
function collect(file: string, doc: number, value: unknown, locator: Locator, startLine: number): ParseResult {
  const objects: SourceObject[] = [];
  const errors: InputError[] = [];
  if (value === null || value === undefined) return { objects, errors };
  if (isObj(value) && typeof value.defaultAction === 'string' && value.kind === undefined) {
    // a seccomp profile kept beside the manifests that use it: not an error, but not for scan either
    return { objects, errors, ignored: 1, skipped: [{ file, line: startLine, message: 'a seccomp profile, not a Kubernetes object: check it with `mamori seccomp lint`' }] };
  }
  // Values files, Chart.yaml, package.json, lists of strings: not Kubernetes objects, so nothing to judge.
  if (!isObj(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return ignoredOnly();
  const kind = value.kind;
  if (isToolConfig(value.apiVersion, kind)) return ignoredOnly();
  if (depthOf(value, MAX_DEPTH) > MAX_DEPTH) {
    return { objects, errors: [{ file, line: startLine, message: `nesting too deep to judge (more than ${MAX_DEPTH} levels)` }] };
  }
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item, i) => {
      if (isObj(item)) objects.push({ file, doc, object: item, basePath: ['items', i], locator });
      else errors.push({ file, line: locator.locate(['items', i]).line, message: `items[${i}] of ${kind} is not an object` });
    });
    return { objects, errors };
  }
  objects.push({ file, doc, object: value, basePath: [], locator });
  return { objects, errors };
}

/** Parses a whole input text; one broken document never hides the others. */
export function parseManifests(file: string, text: string): ParseResult {
  // JSON is YAML too, but JSON.parse is much faster for files that say they are JSON.
  if (file.toLowerCase().endsWith('.json')) return parseJson(file, text);
  return parseChunks(file, splitDocuments(text), 0);
}

/** `{{` in a document that does not parse: a Go template (Helm, operators' assets) not yet rendered. */
const TEMPLATE = /\{\{-?\s/;

/**
 * The 0-based line of a `{{` where a node starts (a value, an item, a line of its own): YAML reads that as a flow
 * mapping inside a flow mapping, which no Kubernetes object has, so it is an unrendered template even when it parses.
 */
export function templateLine(text: string): number {
  if (!text.includes('{{')) return -1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const at = l.indexOf('{{');
    if (at === -1) continue;
    let j = 0;
    while (j < at && (l[j] === ' ' || l[j] === '\t' || (l[j] === '-' && l[j + 1] === ' '))) j++;
    if (j < at) {
      // after a plain key: `name: {{ … }}`
      const colon = l.indexOf(': ', j);
      if (colon === -1 || colon > at || l[j] === '#' || l[j] === '"' || l[j] === "'") continue;
      j = colon + 1;
      while (j < at && (l[j] === ' ' || l[j] === '\t')) j++;
    }
    if (j === at) return i;
  }
  return -1;
}

/** Parses documents already split from a file; `first` is the index of the first one in its file. */
export function parseChunks(file: string, chunks: readonly Chunk[], first: number): ParseResult {
  const objects: SourceObject[] = [];
  const errors: InputError[] = [];
  const skipped: InputError[] = [];
  let ignored = 0;
  let templateNoted = false;
  chunks.forEach((chunk, i) => {
    if (isBlank(chunk.text)) return;
    const template = (line: number): void => {
      // One notice per file: every document of a template fails the same way.
      if (!templateNoted) skipped.push({ file, line, message: 'an unrendered template ({{ … }}): render it first, e.g. helm template … | mamori scan -' });
      templateNoted = true;
      ignored++;
    };
    const tl = templateLine(chunk.text);
    if (tl !== -1) { template(chunk.startLine + tl); return; }
    const parsed = parseChunk(chunk);
    if ('error' in parsed) {
      if (TEMPLATE.test(chunk.text)) { template(parsed.line); return; }
      errors.push({ file, line: parsed.line, message: parsed.error });
      return;
    }
    const r = collect(file, first + i, parsed.value, new Locator({ file, text: chunk.text, startLine: chunk.startLine }), chunk.startLine);
    pushAll(objects, r.objects);
    pushAll(errors, r.errors);
    if (r.skipped) pushAll(skipped, r.skipped);
    ignored += r.ignored ?? 0;
  });
  return { objects, errors, skipped, ignored };
}

/** Every object of the given paths (files, folders, "-"), with what could not be read: for commands that need them all at once. */
export async function loadManifests(paths: readonly string[], opts: InputOptions = {}): Promise<Loaded> {
  const inputs = await collectInputs(paths, opts);
  const out: Loaded = { objects: [], errors: [...inputs.errors], notices: [...inputs.notices], ignored: 0 };
  const take = (parsed: ParseResult): void => {
    pushAll(out.errors, parsed.errors);
    pushAll(out.objects, parsed.objects);
    pushAll(out.notices, parsed.skipped ?? []);
    out.ignored += parsed.ignored ?? 0;
  };
  for (const file of inputs.files) {
    const input = await readInput(file, opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if ('message' in input) { out.errors.push(input); continue; }
    take(parseManifests(input.file, input.text));
  }
  for (const t of inputs.texts) take(parseManifests(t.file, t.text));
  return out;
}

export interface Loaded { objects: SourceObject[]; errors: InputError[]; notices: InputError[]; ignored: number }
