// mamori.yaml for a family beside the manifest checks (profile lint): --config or the file in the working directory.
import type { Rule } from '../core/rule.js';
import type { RuleRun } from '../core/evaluate.js';
import type { Ledger } from '../core/ledger.js';
import type { Notice } from '../core/report.js';
import { loadConfigFile } from '../config/load.js';
import { ledgerOf, resolveRuleRuns } from '../config/rule-runs.js';

export interface RuleConfig<T> { runs: RuleRun<T>[]; ledger: Ledger; notices: Notice[] }

/** The family's rules with the effects and parameters mamori.yaml gives them, and its exception ledger as of today. */
export function ruleConfig<T>(rules: readonly Rule<T>[], configFile: string | undefined, today = new Date().toISOString().slice(0, 10)): RuleConfig<T> {
  const loaded = loadConfigFile(configFile);
  // resolveRuleRuns refuses an id of no family (one mamori.yaml serves them all), naming its line
  const notices: Notice[] = [];
  return { runs: resolveRuleRuns(rules, loaded), ledger: ledgerOf(loaded, today, (n) => notices.push(n)), notices };
}
