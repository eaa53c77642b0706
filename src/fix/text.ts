// Applies fix ops to a whole manifest file's text, document by document, and proves the result parses to what was intended.
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import type { FixOp } from '../checks/types.js';
import { parseManifests, splitDocuments } from '../source/load.js';
import { K8S_YAML_SCHEMA } from '../source/yaml-schema.js';
import { applyOp } from './yaml-edit.js';
import { applyToValue, diffPaths, normalizeOps, prefixOps } from './ops.js';
import type { Path } from '../core/path.js';

/** The ops for one object of a file: its document index, its place inside the document (List items) and the ops. */
export interface ObjectEdit { doc: number; basePath: Path; ops: FixOp[] }

export interface TextFixResult {
  text: string;
  changed: boolean;
  /** ops that could not be applied, with why; their documents are left as they were */
  problems: { doc: number; message: string }[];
  conflicts: string[];
}

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function parseDoc(chunk: string, json: boolean): unknown {
  return json ? JSON.parse(chunk) : jsyaml.load(chunk, { schema: K8S_YAML_SCHEMA });
}

/**
 * Edits only the nodes the ops name. A document whose edited text does not parse to exactly the original plus
 * the ops (an anchor, an odd layout) is left untouched and reported, never written half right.
 */
export function fixText(file: string, original: string, edits: readonly ObjectEdit[]): TextFixResult {
  const bom = original.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const text = bom ? original.slice(1) : original;
  const json = file.toLowerCase().endsWith('.json');
  const problems: TextFixResult['problems'] = [];
  const conflicts: string[] = [];
  const byDoc = new Map<number, FixOp[]>();
  for (const e of edits) {
    const list = byDoc.get(e.doc) ?? [];
    list.push(...prefixOps(e.basePath, e.ops));
    byDoc.set(e.doc, list);
  }
  const chunks = json ? [{ text, startLine: 1 }] : splitDocuments(text);
  const starts = lineOffsets(text);
  const pieces: string[] = [];
  let pos = 0;
  let changed = false;
  chunks.forEach((chunk, doc) => {
    const start = doc === 0 ? 0 : starts[chunk.startLine - 1]!;
    const end = start + chunk.text.length;
    pieces.push(text.slice(pos, start));
    pos = end;
    const source = text.slice(start, end);
    const raw = byDoc.get(doc);
    if (!raw?.length) { pieces.push(source); return; }
    const { ops, conflicts: c } = normalizeOps(raw);
    conflicts.push(...c);
    let current = source;
    let docChanged = false;
    // An op that cannot be applied is skipped and reported; the others still apply.
    const applied: FixOp[] = [];
    for (const op of ops) {
      const r = applyOp(current, op);
      if ('error' in r) { problems.push({ doc, message: r.error }); continue; }
      applied.push(op);
      current = r.text;
      docChanged ||= r.changed;
    }
    if (docChanged) {
      let ok = false;
      let why = '';
      try {
        const before = parseDoc(chunk.text, json);
        const after = parseDoc(current.startsWith('---') ? `   ${current.slice(3)}` : current, json);
        const expected = applyToValue(before, applied);
        ok = isDeepStrictEqual(after, expected);
        if (!ok) why = `the edit would also change ${diffPaths(expected, after).slice(0, 3).join(', ')}`;
      } catch (e) {
        why = `the edit would not parse (${(e as Error).message.split('\n')[0]})`;
      }
      if (!ok) {
        problems.push({ doc, message: `document ${doc + 1} left unchanged: ${why}` });
        current = source;
        docChanged = false;
      }
    }
    changed ||= docChanged;
    pieces.push(current);
  });
  pieces.push(text.slice(pos));
  let out = bom + pieces.join('');
  if (changed) {
    // The whole file must still read as the same number of objects, with no new errors.
    const before = parseManifests(file, text);
    const after = parseManifests(file, bom ? out.slice(1) : out);
    if (after.errors.length > before.errors.length || after.objects.length !== before.objects.length) {
      problems.push({ doc: -1, message: 'the edited file would not read back as the same objects; left unchanged' });
      out = original;
      changed = false;
    }
  }
  return { text: changed ? out : original, changed, problems, conflicts };
}
