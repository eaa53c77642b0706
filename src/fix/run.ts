// `mamori fix` without the command line: scan, choose ops, edit texts (or build patches), write atomically, scan again.
import { readFile } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { engineFor, type EngineConfig, type Origin } from '../engine/engine.js';
import type { Finding, InputError, Report } from '../core/report.js';
import type { FixOp } from '../checks/types.js';
import { parseManifests, readInput, DEFAULT_MAX_FILE_BYTES, type ParseResult, type SourceObject } from '../source/load.js';
import type { Obj } from '../k8s/values.js';
import { fixText, type ObjectEdit } from './text.js';
import { chooseOps, type Selection } from './select.js';
import { strategicPatch, renderPatches } from './patch.js';
import { applyToValue, normalizeOps } from './ops.js';
import { originOf } from '../source/origin.js';
import { noObjects } from '../scan/scan.js';
import { collectInputs, type InputOptions } from '../source/inputs.js';
import { writeChecked } from './write.js';
import { pushAll } from '../core/push-all.js';

export type FixMode = 'dry-run' | 'write' | 'patch';

export interface FixOptions extends Selection {
  mode: FixMode;
  maxFileBytes?: number;
  inputs?: InputOptions;
  /** no Kubernetes object in the inputs is not an error */
  allowEmpty?: boolean;
}

/** One change of one finding in a file: applied by this run, or offered (with what it needs and why). */
export interface ChangeRecord {
  finding: Finding;
  /** the declared change, its risk and the reason it is applied by default or only offered */
  change?: Finding['change'];
  /** true when this run applies it (--write, the diff, the patch), false when it is only offered */
  applied: boolean;
  /** applied because the user asked (--apply-suggestion, --set, --risk all): a change that could stop the workload */
  asked?: boolean;
  /** what is (or would be) applied */
  ops: FixOp[];
  /** for an offered change the user asked for: the field that still needs a value */
  missing?: string;
}

export interface FileOutcome {
  file: string;
  /** every change of the file's findings, applied or offered */
  changes: ChangeRecord[];
  before: string;
  after: string;
  changed: boolean;
  /** number of findings whose ops were applied */
  fixed: number;
  written: boolean;
}

export interface Offer { finding: Finding; text: string; missing?: string }

export interface FixOutcome {
  files: FileOutcome[];
  /** unified diff of every changed file (dry-run and write) */
  diff: string;
  /** strategic-merge patches (patch mode) */
  patches: string;
  /** the scan before fixing */
  before: Report;
  /** the scan of the result: what remains */
  after: Report;
  /** suggestions that were not applied: what the user could still ask for */
  offers: Offer[];
  /** fixes that could not be applied (anchors, conflicts), as warnings */
  warnings: string[];
  /** problems that make the exit code 2: unreadable or unparsable input, files changed while fixing */
  errors: InputError[];
}

interface Loaded {
  file: string;
  /** exact text as read (with a byte-order mark, if any) */
  raw: string;
  /** text the parser saw */
  text: string;
  objects: SourceObject[];
  parseErrors: InputError[];
  /** documents that were no Kubernetes object, and why some were passed over */
  ignored: number;
  skipped: InputError[];
}

const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

async function load(file: string, maxBytes: number): Promise<Loaded | InputError> {
  const input = await readInput(file, maxBytes);
  if ('message' in input) return input;
  let raw = input.text;
  if (file !== '-') {
    // readInput drops a byte-order mark; the file keeps it.
    const buf = await readFile(file);
    raw = buf.toString('utf8');
    if (stripBom(raw) !== input.text) return { file, line: null, message: 'changed while it was being read; not fixed' };
  }
  const parsed = parseManifests(input.file, input.text);
  return { file: input.file, raw, text: input.text, objects: parsed.objects, parseErrors: parsed.errors, ignored: parsed.ignored ?? 0, skipped: parsed.skipped ?? [] };
}

function scanParsed(cfg: EngineConfig, parsed: readonly ParseResult[], extraErrors: InputError[]): Report {
  const engine = engineFor(cfg, parsed.flatMap((p) => p.objects.map((o) => o.object)), extraErrors);
  for (const p of parsed) {
    for (const e of p.errors) engine.addError(e);
    for (const o of p.objects) engine.evaluate({ object: o.object, origin: originOf(o) });
  }
  return engine.report();
}

function scanObjects(cfg: EngineConfig, objects: { object: Obj; origin?: Origin }[], extraErrors: InputError[]): Report {
  const engine = engineFor(cfg, objects.map((o) => o.object), extraErrors);
  for (const o of objects) engine.evaluate(o);
  return engine.report();
}

/** A git-style diff: a/ and b/ prefixes for paths under the working directory, so `git apply` takes it. */
export function unifiedDiff(file: string, before: string, after: string): string {
  const rel = relative(process.cwd(), file);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const [a, b] = inside ? [`a/${rel}`, `b/${rel}`] : [file, file];
  return createTwoFilesPatch(a, b, before, after, undefined, undefined, { context: 3, headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } });
}

/** A file left as it was: none of its changes were applied after all. */
function unapply(o: FileOutcome): void {
  for (const c of o.changes) c.applied = false;
}

export async function runFix(paths: readonly string[], cfg: EngineConfig, opts: FixOptions): Promise<FixOutcome> {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // fix edits files: a chart's templates or a kustomization's output are not files it could write back
  const { files, errors: expandErrors, notices } = await collectInputs(paths, { ...opts.inputs, maxFileBytes: maxBytes, render: false });
  const errors: InputError[] = [...expandErrors];
  const warnings: string[] = notices.map((n) => `${n.file}${n.line ? `:${n.line}` : ''}: skipped: ${n.message}`);
  const loaded: Loaded[] = [];
  for (const f of files) {
    const r = await load(f, maxBytes);
    if ('message' in r) errors.push(r);
    else { loaded.push(r); pushAll(errors, r.parseErrors); pushAll(warnings, r.skipped.map((n) => `${n.file}:${n.line}: skipped: ${n.message}`)); }
  }
  if (!opts.allowEmpty && errors.length === 0 && loaded.every((l) => l.objects.length === 0)) {
    errors.push(noObjects(paths, loaded.reduce((n, l) => n + l.ignored, 0)));
  }
  const engine = engineFor(cfg, loaded.flatMap((l) => l.objects.map((o) => o.object)), errors);

  const offers: Offer[] = [];
  const editsByFile = new Map<string, { edits: ObjectEdit[]; fixed: number; changes: ChangeRecord[] }>();
  const patchList: { object: Obj; source: string; patch: Obj }[] = [];
  const patchedObjects: { object: Obj; origin?: Origin }[] = [];
  for (const l of loaded) {
    const entry = { edits: [] as ObjectEdit[], fixed: 0, changes: [] as ChangeRecord[] };
    editsByFile.set(l.file, entry);
    for (const o of l.objects) {
      const findings = engine.evaluate({ object: o.object, origin: originOf(o) });
      const ops: FixOp[] = [];
      for (const f of findings) {
        if (f.status !== 'open') continue;
        const chosen = chooseOps(f, opts);
        if (f.suggestion && !chosen?.fromSuggestion) {
          offers.push({ finding: f, text: f.suggestion.text, missing: chosen?.missing });
          if (f.suggestion.ops.length > 0) entry.changes.push({ finding: f, change: f.change, applied: false, ops: f.suggestion.ops, missing: chosen?.missing });
        }
        if (!chosen || chosen.ops.length === 0) continue;
        entry.changes.push({ finding: f, change: f.change, applied: true, asked: chosen.fromSuggestion, ops: chosen.ops });
        pushAll(ops, chosen.ops);
        entry.fixed++;
      }
      if (ops.length === 0) { patchedObjects.push({ object: o.object, origin: originOf(o) }); continue; }
      entry.edits.push({ doc: o.doc, basePath: o.basePath, ops });
      if (opts.mode === 'patch') {
        const n = normalizeOps(ops);
        pushAll(warnings, n.conflicts.map((c) => `${l.file}: ${c}`));
        patchList.push({ object: o.object, source: `${l.file}:${o.locator.locate([...o.basePath]).line}`, patch: strategicPatch(o.object, n.ops) });
        patchedObjects.push({ object: applyToValue(o.object, n.ops) as Obj });
      }
    }
  }
  const before = engine.report();
  for (const v of opts.values) if (!v.used) warnings.push(`--set ${v.key}: no suggestion of the findings takes this value`);

  if (opts.mode === 'patch') {
    const files = loaded.map((l): FileOutcome => {
      const entry = editsByFile.get(l.file)!;
      return { file: l.file, changes: entry.changes, before: l.raw, after: l.raw, changed: false, fixed: entry.fixed, written: false };
    });
    return { files, diff: '', patches: renderPatches(patchList), before, after: scanObjects(cfg, patchedObjects, errors), offers, warnings, errors };
  }

  const outcomes: FileOutcome[] = [];
  const diffs: string[] = [];
  for (const l of loaded) {
    const entry = editsByFile.get(l.file)!;
    const out: FileOutcome = { file: l.file, changes: entry.changes, before: l.raw, after: l.raw, changed: false, fixed: 0, written: false };
    outcomes.push(out);
    if (entry.edits.length === 0) continue;
    if (l.parseErrors.length > 0) {
      // A file mamori could not fully read is never edited: the unread part might be what matters.
      warnings.push(`${l.file}: not fixed, because part of it does not parse (see the errors)`);
      unapply(out);
      continue;
    }
    if (l.file === '<stdin>') continue;
    const r = fixText(l.file, l.raw, entry.edits);
    pushAll(warnings, r.conflicts.map((c) => `${l.file}: ${c}`));
    pushAll(warnings, r.problems.map((p) => `${l.file}: ${p.message}`));
    if (!r.changed) { unapply(out); continue; }
    out.after = r.text;
    out.changed = true;
    out.fixed = entry.fixed;
    diffs.push(unifiedDiff(l.file, l.raw, r.text));
  }
  if (opts.mode === 'write') {
    for (const o of outcomes) {
      if (!o.changed) continue;
      const problem = await writeChecked(o.file, o.after, o.before, paths);
      if (problem) {
        errors.push({ file: o.file, line: null, message: problem });
        o.after = o.before;
        o.changed = false;
        unapply(o);
      } else {
        o.written = true;
      }
    }
  }
  const unreadable = errors.filter((e) => !loaded.some((l) => l.file === e.file && l.parseErrors.includes(e)));
  // outcomes[i] is loaded[i]'s; a file left as it was keeps the parse it was read with
  const after = scanParsed(cfg, loaded.map((l, i) => {
    const o = outcomes[i]!;
    return o.changed ? parseManifests(l.file, stripBom(o.after)) : { objects: l.objects, errors: l.parseErrors };
  }), unreadable);
  return { files: outcomes, diff: diffs.join(''), patches: '', before, after, offers, warnings, errors };
}
