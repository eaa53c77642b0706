// Builds mamori Reports from profile lint findings, so seccomp and AppArmor lint print through the same formatters as scan.
import type { Finding, InputError, Lang, Location, PolicyTally, Report, Severity } from '../model/types.js';
import type { RuleMeta } from '../formatters/rules.js';
import { VERSION } from '../version.js';

export type LintRule = RuleMeta;

/** Compact rule table entry: id, severity, English and Japanese title, remediation in both languages. */
export function rule(id: string, severity: Severity, en: string, ja: string, fixEn: string, fixJa: string): LintRule {
  return { id, severity, title: { en, ja }, description: { en, ja }, remediation: { en: fixEn, ja: fixJa } };
}

export interface RawFinding { rule: string; severity?: Severity; path: string; message: string; remediation?: string; at: { line: number; column: number } | null }

export function toFinding(raw: RawFinding, rules: Map<string, LintRule>, kind: 'SeccompProfile' | 'AppArmorProfile', file: string, lang: Lang): Finding {
  const rule = rules.get(raw.rule);
  const location: Location | null = raw.at ? { file, line: raw.at.line, column: raw.at.column } : null;
  return {
    policyId: raw.rule,
    severity: raw.severity ?? rule?.severity ?? 'medium',
    effect: 'Audit',
    resource: { apiVersion: '', kind, namespace: null, name: file },
    container: null,
    path: raw.path,
    message: raw.message,
    remediation: raw.remediation ?? rule?.remediation[lang] ?? '',
    location,
    status: 'open',
  };
}

export function buildReport(opts: {
  profile: string; lang: Lang; findings: Finding[]; errors: InputError[]; files: number; rules: LintRule[];
}): Report {
  const bySeverity: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  const byPolicy: Record<string, number> = {};
  for (const f of opts.findings) {
    bySeverity[f.severity]++;
    byPolicy[f.policyId] = (byPolicy[f.policyId] ?? 0) + 1;
  }
  const policies: PolicyTally[] = opts.rules.map((r) => {
    const fs = opts.findings.filter((f) => f.policyId === r.id);
    return {
      policyId: r.id, title: r.title[opts.lang], severity: r.severity, effect: 'Audit', evaluated: opts.files,
      unhealthy: new Set(fs.map((f) => f.resource.name)).size, findings: fs.length,
    };
  });
  return {
    schemaVersion: 1,
    tool: { name: 'mamori', version: VERSION },
    profile: opts.profile,
    lang: opts.lang,
    summary: { resources: opts.files, findings: opts.findings.length, bySeverity, byPolicy, excepted: 0, suppressed: 0 },
    policies,
    findings: opts.findings,
    notices: [],
    errors: opts.errors,
    unusedExceptions: [],
  };
}
