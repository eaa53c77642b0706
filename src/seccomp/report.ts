// Builds mamori Reports from profile lint findings, so seccomp and AppArmor lint print through the same formatters as scan.
import type { Finding, InputError, Lang, Location, Report, Severity } from '../core/report.js';
import type { RuleMeta } from '../formatters/rules.js';
import { buildReport, type Tally } from '../core/build-report.js';

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

/** A lint report: every rule evaluated once per profile file, unhealthy counted by file. */
export function buildLintReport(opts: {
  profile: string; lang: Lang; findings: Finding[]; errors: InputError[]; files: number; rules: LintRule[];
}): Report {
  const tallies = new Map<string, Tally>(opts.rules.map((r) => {
    const fs = opts.findings.filter((f) => f.policyId === r.id);
    return [r.id, { evaluated: opts.files, unhealthy: new Set(fs.map((f) => f.resource.name)).size, findings: fs.length }];
  }));
  return buildReport({
    profile: opts.profile, lang: opts.lang, rules: opts.rules.map((meta) => ({ meta, effect: 'Audit' as const })), tallies,
    findings: opts.findings, resources: opts.files, errors: opts.errors,
  });
}
