// mamori.yaml for the families beside the manifest checks (RBAC, versions, profile lint): effects, parameters, the ledger.
import type { Rule } from '../core/rule.js';
import type { RuleRun } from '../core/evaluate.js';
import type { Effect, Notice } from '../core/report.js';
import { Ledger } from '../core/ledger.js';
import { ConfigError } from '../core/errors.js';
import { issueText, whereIn, type LoadedConfig } from './load.js';
import { ruleFamily } from './rule-ids.js';

/**
 * Each rule with the effect, parameters and excluded namespaces mamori.yaml gives it under `policies.<id>` (namespaces
 * also at the top, as for scan): `effect: Disabled` turns it off, parameters are checked against the rule's schema
 * with errors naming the key and line.
 */
export function resolveRuleRuns<T>(rules: readonly Rule<T>[], loaded: LoadedConfig): RuleRun<T>[] {
  const file = loaded.file ?? 'mamori.yaml';
  // The file is shared by every family: any registered id is fine here, a misspelt one is an error wherever it is read.
  for (const id of Object.keys(loaded.config.policies ?? {})) {
    if (!ruleFamily(id)) throw new ConfigError(`${whereIn(file, loaded.lines, loaded.doc, ['policies', id])}: policies.${id}: unknown policy id (see \`mamori policies\`)`);
  }
  return rules.map((rule) => {
    const fromConfig = loaded.config.policies?.[rule.meta.id] ?? {};
    const parsed = rule.params.strict().safeParse(fromConfig.parameters ?? {});
    if (!parsed.success) {
      throw new ConfigError(parsed.error.issues.map((i) => issueText(file, loaded.lines, loaded.doc, i, ['policies', rule.meta.id, 'parameters'])).join('\n'));
    }
    const effect: Effect = fromConfig.effect ?? rule.meta.defaultEffect ?? 'Audit';
    const excludedNamespaces = fromConfig.excludedNamespaces ?? loaded.config.excludedNamespaces ?? [];
    return { rule, effect, params: parsed.data, excludedNamespaces };
  });
}

/** The exception ledger of mamori.yaml, as scan, serve and audit apply it. */
export function ledgerOf(loaded: LoadedConfig, today: string, onExpired?: (n: Notice) => void): Ledger {
  return new Ledger(loaded.config.exceptions ?? [], today, onExpired);
}
