// Scans manifests already in memory (fix's re-scan, table tests): parse, collect what checks consult, evaluate.
import { engineFor, type Engine, type EngineConfig } from '../engine/engine.js';
import type { InputError, Report } from '../core/report.js';
import { parseManifests, type InputText, type ParseResult } from '../source/load.js';
import { originOf } from '../source/origin.js';

export function scanTexts(cfg: EngineConfig, texts: readonly InputText[], extraErrors: readonly InputError[] = []): Report {
  const parsed = texts.map((t) => parseManifests(t.file, t.text));
  const engine = engineFor(cfg, parsed.flatMap((p) => p.objects.map((o) => o.object)), extraErrors);
  for (const p of parsed) evaluateParsed(engine, p);
  return engine.report();
}

/** Gives the engine everything one parse produced: its errors, what it skipped, and each object with its origin. */
export function evaluateParsed(engine: Engine, parsed: ParseResult): void {
  for (const e of parsed.errors) engine.addError(e);
  for (const e of parsed.skipped ?? []) engine.addSkipped(e);
  engine.countSkipped(parsed.ignored ?? 0);
  for (const o of parsed.objects) engine.evaluate({ object: o.object, origin: originOf(o) });
}
