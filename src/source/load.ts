// Reads manifests (files, folders, stdin) into objects, each with its origin; every problem becomes an error with a line.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import jsyaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import type { InputError } from '../model/types.js';
import type { Path } from '../k8s/path.js';
import { isObj, type Obj } from '../k8s/values.js';
import { K8S_YAML_SCHEMA } from './yaml-schema.js';
import { Locator } from './locate.js';

/** Objects of an input, what could not be read, and inputs skipped on purpose (with why). */
export interface ParseResult { objects: SourceObject[]; errors: InputError[]; skipped?: InputError[] }

export const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
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

export interface InputText { file: string; text: string }

/** Folders are walked recursively for .yaml, .yml and .json files, in a stable order. */
export async function expandInputs(paths: readonly string[]): Promise<{ files: string[]; errors: InputError[] }> {
  const files: string[] = [];
  const errors: InputError[] = [];
  async function walk(p: string, top: boolean): Promise<void> {
    let st;
    try { st = await stat(p); } catch (e) {
      errors.push({ file: p, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}` });
      return;
    }
    if (st.isDirectory()) {
      let entries: string[];
      try { entries = (await readdir(p)).sort(); } catch (e) {
        errors.push({ file: p, line: null, message: `cannot read directory: ${(e as Error).message}` });
        return;
      }
      for (const e of entries) {
        if (e === 'node_modules' || e.startsWith('.')) continue;
        await walk(join(p, e), false);
      }
    } else if (top || MANIFEST_EXTENSIONS.has(extname(p).toLowerCase())) {
      files.push(p);
    }
  }
  for (const p of paths) {
    if (p === '-') files.push('-');
    else await walk(p, true);
  }
  return { files, errors };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Reads one input as UTF-8 text; binary and non-UTF-8 content is an error, not garbage objects. */
export async function readInput(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<InputText | InputError> {
  const name = file === '-' ? '<stdin>' : file;
  let buf: Buffer;
  try {
    if (file !== '-') {
      const st = await stat(file);
      if (st.size > maxBytes) return { file: name, line: null, message: `file is ${st.size} bytes, more than the limit of ${maxBytes} (raise it with --max-file-size)` };
    }
    buf = file === '-' ? await readStdin() : await readFile(file);
  } catch (e) {
    return { file: name, line: null, message: `cannot read: ${(e as Error).message}` };
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

/** Parses one document: js-yaml first (fast), `yaml` when js-yaml refuses valid YAML; positions come from the error. */
function parseChunk(chunk: Chunk): { value: unknown } | { error: string; line: number } {
  if (countAliases(chunk.text) > MAX_ALIASES) {
    return { error: `more than ${MAX_ALIASES} aliases in one document (possible alias bomb); refusing to expand`, line: chunk.startLine };
  }
  try {
    return { value: jsyaml.load(chunk.text, { schema: K8S_YAML_SCHEMA }) };
  } catch (e) {
    const err = e as { reason?: string; mark?: { line: number } };
    if (err.reason?.startsWith('duplicated mapping key')) {
      return { error: `duplicate key: ${err.reason}`, line: chunk.startLine + (err.mark?.line ?? 0) };
    }
    // js-yaml rejects some valid YAML; let the full parser decide.
    const docs = parseAllDocuments(chunk.text, { version: '1.1', uniqueKeys: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    const d = list[0];
    if (d && d.errors.length === 0) return { value: d.toJS({ maxAliasCount: MAX_ALIASES }) };
    const first = d?.errors[0];
    const line = first?.linePos?.[0]?.line ?? ((err.mark?.line ?? 0) + 1);
    const what = first ? first.message.split('\n')[0]! : (err.reason ?? String(e));
    return { error: `YAML does not parse: ${what}`, line: chunk.startLine + line - 1 };
  }
}

function parseJson(file: string, text: string): ParseResult {
  try {
    const value = JSON.parse(text) as unknown;
    return collect(file, 0, value, new Locator({ file, text, startLine: 1 }), 1);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : 1;
    return { objects: [], errors: [{ file, line, message: `JSON does not parse: ${msg}` }] };
  }
}

/** Objects of one document: the document itself, or each item of a kind: List / *List. */
function collect(file: string, doc: number, value: unknown, locator: Locator, startLine: number): ParseResult {
  const objects: SourceObject[] = [];
  const errors: InputError[] = [];
  if (value === null || value === undefined) return { objects, errors };
  if (isObj(value) && typeof value.defaultAction === 'string' && value.kind === undefined) {
    // a seccomp profile kept beside the manifests that use it: not an error, but not for scan either
    return { objects, errors, skipped: [{ file, line: startLine, message: 'a seccomp profile, not a Kubernetes object: check it with `mamori seccomp lint`' }] };
  }
  if (!isObj(value)) {
    errors.push({ file, line: startLine, message: `not a Kubernetes object: the document is a ${Array.isArray(value) ? 'list' : typeof value}, expected a mapping with apiVersion and kind` });
    return { objects, errors };
  }
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item, i) => {
      if (isObj(item)) objects.push({ file, doc, object: item, basePath: ['items', i], locator });
      else errors.push({ file, line: locator.locate(['items', i]).line, message: `items[${i}] of ${kind} is not an object` });
    });
    return { objects, errors };
  }
  if (typeof value.apiVersion !== 'string' || typeof kind !== 'string') {
    errors.push({ file, line: startLine, message: 'not a Kubernetes object: missing apiVersion or kind' });
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

/** Parses documents already split from a file; `first` is the index of the first one in its file. */
export function parseChunks(file: string, chunks: readonly Chunk[], first: number): ParseResult {
  const objects: SourceObject[] = [];
  const errors: InputError[] = [];
  const skipped: InputError[] = [];
  chunks.forEach((chunk, i) => {
    if (isBlank(chunk.text)) return;
    const parsed = parseChunk(chunk);
    if ('error' in parsed) {
      errors.push({ file, line: parsed.line, message: parsed.error });
      return;
    }
    const r = collect(file, first + i, parsed.value, new Locator({ file, text: chunk.text, startLine: chunk.startLine }), chunk.startLine);
    objects.push(...r.objects);
    errors.push(...r.errors);
    if (r.skipped) skipped.push(...r.skipped);
  });
  return { objects, errors, skipped };
}

/** Every object of the given paths (files, folders, "-"), with what could not be read: for commands that need them all at once. */
export async function loadManifests(paths: readonly string[], maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<{ objects: SourceObject[]; errors: InputError[] }> {
  const { files, errors } = await expandInputs(paths);
  const objects: SourceObject[] = [];
  for (const file of files) {
    const input = await readInput(file, maxBytes);
    if ('message' in input) { errors.push(input); continue; }
    const parsed = parseManifests(input.file, input.text);
    errors.push(...parsed.errors);
    objects.push(...parsed.objects);
  }
  return { objects, errors };
}
