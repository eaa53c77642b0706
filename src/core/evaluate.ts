// From violations to findings, once for every family: effect, location, language, suppression, exceptions, tallies.
import type { Effect, Finding, Lang, Location, ResourceRef } from './report.js';
import type { Rule, RuleMeta, Violation } from './rule.js';
import { formatPath, type Path } from './path.js';
import type { Ledger, Suppression } from './ledger.js';
import { emptyTally, type Tally } from './build-report.js';
import { namespaceMatches } from './namespaces.js';

/** What a family judges, with the resource it is reported as and where its paths are in the source. */
export interface Subject<T> {
  value: T;
  resource: ResourceRef;
  /** where a violation is in the source; `at` is the violation's own position when it gives one */
  locate?: (path: Path, at?: Violation['at']) => Location | null;
  /** the object's own mamori.dev/ignore annotation, already cut to what the configuration allows */
  suppression?: Suppression;
}

/** A rule as configured for a run: the effect and parameters the profile and mamori.yaml give it. */
export interface RuleRun<T> {
  rule: Rule<T>;
  effect: Effect;
  params: unknown;
  /** subjects in these namespaces are not judged (a trailing "*" is a prefix glob) */
  excludedNamespaces?: readonly string[];
}

export interface FindingContext {
  meta: RuleMeta;
  effect: Effect;
  resource: ResourceRef;
  locate?: (path: Path, at?: Violation['at']) => Location | null;
  lang: Lang;
}

/** One rule's violations on one subject as findings, each path and message once. */
export function toFindings(violations: readonly Violation[], c: FindingContext): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const v of violations) {
    const path = formatPath(v.path);
    const message = v.message[c.lang];
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f: Finding = {
      policyId: c.meta.id,
      severity: v.severity ?? c.meta.severity,
      effect: v.effect ?? c.effect,
      resource: c.resource,
      container: v.container,
      path,
      message,
      remediation: (v.remediation ?? c.meta.remediation)[c.lang],
      location: c.locate ? c.locate(v.path, v.at) : null,
      status: 'open',
    };
    if (v.fix?.length) f.fix = v.fix;
    if (v.suggestion) f.suggestion = { ops: v.suggestion.ops, text: v.suggestion.text[c.lang] };
    if (v.change) f.change = { id: v.change.id, risk: v.change.risk, reason: v.change.reason[c.lang] };
    out.push(f);
  }
  return out;
}

/** Judges the findings in the ledger and counts them into the rule's tally; returns how many stay open. */
export function settle(findings: readonly Finding[], ledger: Ledger, tally: Tally, suppression?: Suppression): number {
  let open = 0;
  for (const f of findings) {
    ledger.judge(f, suppression);
    if (f.status === 'open') open++;
  }
  tally.findings += open;
  if (open > 0) tally.unhealthy++;
  return open;
}

/**
 * Runs rules over subjects: the loop of every family whose rules judge one subject at a time (RBAC, versions,
 * profile lint). `applies` says whether a rule looks at a subject at all (it then counts as evaluated).
 */
export function runRules<T>(runs: readonly RuleRun<T>[], subjects: readonly Subject<T>[], opts: {
  lang: Lang;
  ledger: Ledger;
  applies?: (rule: Rule<T>, subject: Subject<T>) => boolean;
}): { findings: Finding[]; tallies: Map<string, Tally> } {
  const tallies = new Map<string, Tally>();
  const findings: Finding[] = [];
  for (const run of runs) {
    if (run.effect === 'Disabled') continue;
    const tally = emptyTally();
    tallies.set(run.rule.meta.id, tally);
    for (const s of subjects) {
      if (opts.applies && !opts.applies(run.rule, s)) continue;
      const ns = s.resource.namespace;
      if (ns && run.excludedNamespaces?.length && namespaceMatches(run.excludedNamespaces, ns)) continue;
      tally.evaluated++;
      const vs = run.rule.check(s.value, run.params as never);
      if (vs.length === 0) continue;
      const fs = toFindings(vs, { meta: run.rule.meta, effect: run.effect, resource: s.resource, locate: s.locate, lang: opts.lang });
      settle(fs, opts.ledger, tally, s.suppression);
      for (const f of fs) findings.push(f);
    }
  }
  return { findings, tallies };
}
