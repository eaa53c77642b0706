// Shared by the fix tests: the policies whose safe fixes the tests apply, and a helper that fixes one text in memory.
import { resolveEngineConfig } from '../../src/config/load.js';
import type { EngineConfig } from '../../src/engine/engine.js';
import { Engine, InventoryIndex } from '../../src/engine/engine.js';
import { checkById } from '../../src/checks/index.js';
import { parseManifests } from '../../src/source/load.js';
import { scanTexts } from '../../src/scan/texts.js';
import { fixText, type ObjectEdit } from '../../src/fix/text.js';
import type { Report } from '../../src/model/types.js';

/** The Defender checks with safe fixes (seed 001's "parameters not needed" recommendations). */
export const SAFE_FIX_POLICIES = [
  'privileged-container',
  'privilege-escalation-allowed',
  'writable-root-filesystem',
  'host-namespace-shared',
  'service-account-token-automount',
] as const;

export function missingPolicies(ids: readonly string[] = SAFE_FIX_POLICIES): string[] {
  return ids.filter((id) => !checkById(id));
}

export function config(ids: readonly string[] = SAFE_FIX_POLICIES): EngineConfig {
  return resolveEngineConfig({ config: {}, file: null }, { only: [...ids], lang: 'en', today: '2026-01-01' });
}

export function scanText(cfg: EngineConfig, file: string, text: string): Report {
  return scanTexts(cfg, [{ file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text }]);
}

/** Scans a text and applies the safe fixes of its open findings, as `mamori fix --write` would. */
export function fixInMemory(cfg: EngineConfig, file: string, text: string): ReturnType<typeof fixText> & { edits: ObjectEdit[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { objects } = parseManifests(file, body);
  const inv = new InventoryIndex(cfg.defaultNamespace);
  for (const o of objects) inv.add(o.object);
  const engine = new Engine(cfg, inv);
  const edits: ObjectEdit[] = [];
  for (const o of objects) {
    const ops = engine.evaluate({ object: o.object }).filter((f) => f.status === 'open').flatMap((f) => f.fix ?? []);
    if (ops.length) edits.push({ doc: o.doc, basePath: o.basePath, ops });
  }
  return { ...fixText(file, text, edits), edits };
}
