// Scans inputs file by file: a cheap first pass collects the objects checks consult, the second evaluates and lets go.
import { Engine, InventoryIndex, type EngineConfig } from '../engine/engine.js';
import type { Report } from '../model/types.js';
import { expandInputs, parseManifests, readInput, DEFAULT_MAX_FILE_BYTES, type InputText, type SourceObject } from '../source/load.js';

export interface ScanOptions {
  maxFileBytes?: number;
  /** called once per parsed input file, e.g. for progress */
  onFile?: (file: string, objects: number) => void;
}

/** Context kinds are rare; only texts that mention one are parsed in the first pass. */
const CONTEXT_HINT = /\b(?:ServiceAccount|Namespace|NetworkPolicy)\b/;

export function originOf(o: SourceObject) {
  return { file: o.file, locate: (p: readonly (string | number)[]) => o.locator.locate([...o.basePath, ...p]) };
}

export async function scanPaths(paths: readonly string[], cfg: EngineConfig, opts: ScanOptions = {}): Promise<Report> {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { files, errors } = await expandInputs(paths);
  const inventory = new InventoryIndex(cfg.defaultNamespace);
  // stdin can be read only once: keep its text for the second pass.
  let stdin: InputText | undefined;
  for (const f of files) {
    const input = await readInput(f, maxBytes);
    if ('message' in input) continue;
    if (f === '-') stdin = input;
    if (!CONTEXT_HINT.test(input.text)) continue;
    for (const o of parseManifests(input.file, input.text).objects) {
      if (InventoryIndex.isContextKind(o.object.kind)) inventory.add(o.object);
    }
  }
  const engine = new Engine(cfg, inventory);
  for (const e of errors) engine.addError(e);
  for (const f of files) {
    const input = f === '-' && stdin ? stdin : await readInput(f, maxBytes);
    if ('message' in input) { engine.addError(input); continue; }
    const parsed = parseManifests(input.file, input.text);
    for (const e of parsed.errors) engine.addError(e);
    for (const o of parsed.objects) engine.evaluate({ object: o.object, origin: originOf(o) });
    opts.onFile?.(input.file, parsed.objects.length);
  }
  return engine.report();
}

/** Exit code for a report: 2 on input errors, 1 on open findings at or above the threshold, else 0. */
export function exitCodeFor(report: Report, failOn: 'high' | 'medium' | 'low' | 'none'): number {
  if (report.errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  const rank = { high: 3, medium: 2, low: 1 } as const;
  return report.findings.some((f) => f.status === 'open' && rank[f.severity] >= rank[failOn]) ? 1 : 0;
}
