// Findings matched against an earlier report by a fingerprint that survives line moves and reformatting.
import type { BaselineSummary, Finding, Report } from './report.js';

/**
 * Policy, resource kind/namespace/name, container and object path: what the finding is about, never where in
 * the file it was written. SARIF carries the same string as partialFingerprints["mamori/v1"].
 */
export function fingerprint(f: Pick<Finding, 'policyId' | 'resource' | 'container' | 'path'>): string {
  const r = f.resource;
  return `${f.policyId}|${r.kind}/${r.namespace ?? '-'}/${r.name}|${f.container ?? ''}|${f.path}`;
}

/** The baseline's findings, or a message saying why the text is not a mamori JSON report. */
export function readBaseline(text: string): Finding[] | { problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { problem: `not JSON (${e instanceof Error ? e.message : String(e)}); expected the output of mamori scan --format json` };
  }
  const d = doc as { schemaVersion?: unknown; findings?: unknown } | null;
  if (typeof d !== 'object' || d === null || d.schemaVersion !== 1 || !Array.isArray(d.findings)) {
    return { problem: 'not a mamori JSON report (schemaVersion 1 with a findings list); expected the output of mamori scan --format json' };
  }
  const findings: Finding[] = [];
  for (const [i, f] of (d.findings as unknown[]).entries()) {
    const x = f as Partial<Finding> | null;
    const r = x?.resource;
    if (typeof x?.policyId !== 'string' || typeof x.path !== 'string' || typeof r?.kind !== 'string' || typeof r.name !== 'string') {
      return { problem: `findings[${i}]: needs policyId, path and resource.kind/name` };
    }
    findings.push(x as Finding);
  }
  return findings;
}

/**
 * Marks each finding new or unchanged and lists the baseline's findings that are gone. Findings with the same
 * fingerprint pair off one to one, so a second copy of an old problem is new.
 */
export function compareWithBaseline(report: Report, previous: readonly Finding[], file: string): Report {
  const left = new Map<string, Finding[]>();
  for (const f of previous) {
    const k = fingerprint(f);
    const list = left.get(k);
    if (list) list.push(f);
    else left.set(k, [f]);
  }
  let fresh = 0;
  const findings = report.findings.map((f): Finding => {
    const match = left.get(fingerprint(f))?.shift();
    if (!match) fresh++;
    return { ...f, baseline: match ? 'unchanged' : 'new' };
  });
  const baseline: BaselineSummary = { file, new: fresh, unchanged: findings.length - fresh, fixed: [...left.values()].flat() };
  return { ...report, findings, baseline };
}

/** The findings --fail-on counts: with a baseline only new ones, unless the existing ones are asked for too. */
export function gatedFindings(report: Report, failOnExisting: boolean): Finding[] {
  return failOnExisting ? report.findings : report.findings.filter((f) => f.baseline !== 'unchanged');
}
