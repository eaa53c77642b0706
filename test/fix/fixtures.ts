// Shared by the fix tests: the policies whose changes the tests apply, and a helper that fixes one text in memory as `mamori fix` does.
import { resolveEngineConfig } from '../../src/config/load.js';
import type { EngineConfig } from '../../src/engine/engine.js';
import { Engine, InventoryIndex } from '../../src/engine/engine.js';
import { checkById } from '../../src/checks/index.js';
import { parseManifests } from '../../src/source/load.js';
import { scanTexts } from '../../src/scan/texts.js';
import { fixText, type ObjectEdit } from '../../src/fix/text.js';
import { chooseOps, type RiskLevel } from '../../src/fix/select.js';
import type { Report } from '../../src/core/report.js';

/** The Defender checks whose changes need no parameter (seed 001's "parameters not needed" recommendations). */
export const FIX_POLICIES = [
  'privileged-container',
  'privilege-escalation-allowed',
  'writable-root-filesystem',
  'host-namespace-shared',
  'service-account-token-automount',
] as const;

/** An engine config running exactly `ids`; a policy that does not exist fails the test that asked for it. */
export function config(ids: readonly string[] = FIX_POLICIES): EngineConfig {
  const missing = ids.filter((id) => !checkById(id));
  if (missing.length) throw new Error(`the fix tests need policies that do not exist: ${missing.join(', ')}`);
  return resolveEngineConfig({ config: {}, file: null }, { only: [...ids], lang: 'en', today: '2026-01-01' });
}

export function scanText(cfg: EngineConfig, file: string, text: string): Report {
  return scanTexts(cfg, [{ file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text }]);
}

/**
 * Scans a text and applies the changes `mamori fix --write --risk <risk>` would: `safe` (the default) applies fixes only,
 * `all` the suggestions too (the layout tests use it to exercise every edit the checks can make).
 */
export function fixInMemory(cfg: EngineConfig, file: string, text: string, risk: RiskLevel = 'all'): ReturnType<typeof fixText> & { edits: ObjectEdit[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { objects } = parseManifests(file, body);
  const inv = new InventoryIndex(cfg.defaultNamespace);
  for (const o of objects) inv.add(o.object);
  const engine = new Engine(cfg, inv);
  const edits: ObjectEdit[] = [];
  for (const o of objects) {
    const open = engine.evaluate({ object: o.object }).filter((f) => f.status === 'open');
    const ops = open.flatMap((f) => chooseOps(f, { risk, applySuggestions: new Set(), values: [] })?.ops ?? []);
    if (ops.length) edits.push({ doc: o.doc, basePath: o.basePath, ops });
  }
  return { ...fixText(file, text, edits), edits };
}
