// Finds RBAC that grants more than needed: each finding says who gets what, through which binding, and the least change that removes it.
import type { Lang, Report } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';
import { runRules, type RuleRun } from '../core/evaluate.js';
import { Ledger } from '../core/ledger.js';
import { buildReport } from '../core/build-report.js';
import { RBAC_RULES } from './rules/index.js';
import { rbacSubjects, type RbacInput, type RbacSubject } from './subjects.js';

export type { RbacInput } from './subjects.js';

export interface RbacOptions {
  lang: Lang;
  defaultNamespace?: string;
  /** also judge the API server's own bootstrap roles and bindings (system:*) */
  includeSystem?: boolean;
  /** the rules with the effects and parameters mamori.yaml gives them (default: every rule, Audit) */
  runs?: readonly RuleRun<RbacSubject>[];
  /** mamori.yaml's exception ledger (default: none) */
  ledger?: Ledger;
}

/** Every RBAC rule as it runs without a configuration. */
export function defaultRbacRuns(): RuleRun<RbacSubject>[] {
  return RBAC_RULES.map((rule) => ({ rule, effect: rule.meta.defaultEffect ?? 'Audit', params: rule.params.parse({}) }));
}

const judges = new Map(RBAC_RULES.map((r) => [r.meta.id, r.judges]));

export function analyzeRbac(inputs: readonly RbacInput[], opts: RbacOptions): Report {
  const subjects = rbacSubjects(inputs, { defaultNamespace: opts.defaultNamespace ?? 'default', includeSystem: opts.includeSystem });
  const runs = opts.runs ?? defaultRbacRuns();
  const ledger = opts.ledger ?? new Ledger([], '');
  const { findings, tallies } = runRules(runs, subjects, { lang: opts.lang, ledger, applies: (rule, s) => judges.get(rule.meta.id) === s.value.on });
  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.policyId.localeCompare(b.policyId) || `${a.resource.namespace}/${a.resource.name}`.localeCompare(`${b.resource.namespace}/${b.resource.name}`) || a.message.localeCompare(b.message));
  // The file's other exceptions belong to scan and the other families: only this family's unused ones are news here.
  const own = new Set(RBAC_RULES.map((r) => r.meta.id));
  return buildReport({
    profile: 'rbac', lang: opts.lang, rules: runs.map((r) => ({ meta: r.rule.meta, effect: r.effect })), tallies, findings,
    resources: subjects.length, unusedExceptions: ledger.unused().filter((u) => own.has(u.policy)),
  });
}
