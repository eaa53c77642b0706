// mamori.yaml for a family beside the manifest checks (profile lint): --config or the file in the working directory.
import type { Rule } from '../core/rule.js';
import type { RuleRun } from '../core/evaluate.js';
import type { Ledger } from '../core/ledger.js';
import type { Notice } from '../core/report.js';
import { ConfigError } from '../core/errors.js';
import { loadConfigFile } from '../config/load.js';
import { ledgerOf, resolveRuleRuns } from '../config/rule-runs.js';
import { registeredRule } from '../registry.js';

export interface RuleConfig<T> { runs: RuleRun<T>[]; ledger: Ledger; notices: Notice[] }

/** The family's rules with the effects and parameters mamori.yaml gives them, and its exception ledger as of today. */
export function ruleConfig<T>(rules: readonly Rule<T>[], configFile: string | undefined, today = new Date().toISOString().slice(0, 10)): RuleConfig<T> {
  const loaded = loadConfigFile(configFile);
  // One mamori.yaml serves every family, so an id of another family is fine here; an id of none is a typo.
  for (const id of Object.keys(loaded.config.policies ?? {})) {
    if (!registeredRule(id)) throw new ConfigError(`${loaded.file ?? 'mamori.yaml'}: policies.${id}: unknown policy id (see \`mamori policies\`)`);
  }
  const notices: Notice[] = [];
  return { runs: resolveRuleRuns(rules, loaded), ledger: ledgerOf(loaded, today, (n) => notices.push(n)), notices };
}
