// The one report builder: tallies, summary and lists in the shape every formatter reads.
import type { Effect, Finding, InputError, Lang, Notice, PolicyTally, Report, Severity, UnusedException } from './report.js';
import { SEVERITIES } from './report.js';
import type { RuleMeta } from './rule.js';
import { VERSION } from './version.js';

/** What one rule saw: resources looked at, resources with an open finding, open findings. */
export interface Tally { evaluated: number; unhealthy: number; findings: number }

export const emptyTally = (): Tally => ({ evaluated: 0, unhealthy: 0, findings: 0 });

/** A rule as it ran: its metadata and the effect the profile and config gave it. */
export interface RuleEntry { meta: Pick<RuleMeta, 'id' | 'title' | 'severity'>; effect: Effect }

export interface ReportParts {
  profile: string;
  lang: Lang;
  /** the rules in report order; only those with a tally are listed */
  rules: readonly RuleEntry[];
  tallies: ReadonlyMap<string, Tally>;
  findings: Finding[];
  resources: number;
  skipped?: number;
  notices?: Notice[];
  errors?: InputError[];
  unusedExceptions?: UnusedException[];
}

export function buildReport(p: ReportParts): Report {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byPolicy: Record<string, number> = {};
  let excepted = 0;
  let suppressed = 0;
  for (const f of p.findings) {
    if (f.status === 'excepted') { excepted++; continue; }
    if (f.status === 'suppressed') { suppressed++; continue; }
    bySeverity[f.severity]++;
    byPolicy[f.policyId] = (byPolicy[f.policyId] ?? 0) + 1;
  }
  const policies: PolicyTally[] = p.rules.filter((r) => p.tallies.has(r.meta.id)).map((r) => ({
    policyId: r.meta.id, title: r.meta.title[p.lang], severity: r.meta.severity, effect: r.effect, ...p.tallies.get(r.meta.id)!,
  }));
  return {
    schemaVersion: 1,
    tool: { name: 'mamori', version: VERSION },
    profile: p.profile,
    lang: p.lang,
    summary: {
      resources: p.resources,
      ...(p.skipped !== undefined ? { skipped: p.skipped } : {}),
      findings: p.findings.length - excepted - suppressed,
      bySeverity,
      byPolicy,
      excepted,
      suppressed,
    },
    policies,
    findings: p.findings,
    notices: p.notices ?? [],
    errors: p.errors ?? [],
    unusedExceptions: p.unusedExceptions ?? [],
  };
}
