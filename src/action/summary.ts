// The job summary the GitHub Action writes: counts per severity and per recommendation, and the resources with most findings.
import type { Finding, Report, Severity } from '../core/report.js';
import { SEVERITIES, severityRank } from '../core/report.js';

export interface SummaryContext {
  /** the fail-on input; empty when the config's (or the default) applied */
  failOn: string;
  exitCode: number;
  /** where the report was written, relative to the workspace */
  output: string;
  /** resources listed under "Top resources" */
  topResources?: number;
}

/** A table cell: pipes and line breaks would end the cell or the row. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function resourceKey(f: Finding): string {
  const r = f.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function outcome(ctx: SummaryContext): string {
  const threshold = ctx.failOn ? `\`${ctx.failOn}\`` : 'the fail-on threshold';
  if (ctx.exitCode === 0) return `passed: nothing at or above ${threshold}`;
  if (ctx.exitCode === 1) return `failed: findings at or above ${threshold}`;
  return 'failed: some input could not be read (exit 2)';
}

/** Markdown for $GITHUB_STEP_SUMMARY: a pure function of the report. */
export function renderStepSummary(report: Report, ctx: SummaryContext): string {
  const open = report.findings.filter((f) => f.status === 'open');
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of open) bySeverity[f.severity]++;
  const lines: string[] = [];
  lines.push(`## mamori scan: ${open.length} finding${open.length === 1 ? '' : 's'}`);
  lines.push('');
  lines.push(`Profile \`${report.profile}\`, ${report.summary.resources} resources scanned — ${outcome(ctx)}. Report: \`${ctx.output}\`.`);
  const quiet = report.summary.excepted + report.summary.suppressed;
  if (quiet > 0) lines.push(`${report.summary.excepted} excepted and ${report.summary.suppressed} suppressed findings are not counted.`);
  lines.push('');
  lines.push('| severity | findings |', '| --- | ---: |');
  for (const s of SEVERITIES) lines.push(`| ${s} | ${bySeverity[s]} |`);

  const perPolicy = new Map<string, { title: string; severity: Severity; findings: number; resources: Set<string> }>();
  const titles = new Map(report.policies.map((p) => [p.policyId, p.title]));
  for (const f of open) {
    const p = perPolicy.get(f.policyId) ?? { title: titles.get(f.policyId) ?? f.policyId, severity: f.severity, findings: 0, resources: new Set<string>() };
    p.findings++;
    p.resources.add(resourceKey(f));
    perPolicy.set(f.policyId, p);
  }
  if (perPolicy.size > 0) {
    lines.push('', '### By recommendation', '', '| recommendation | id | severity | findings | resources |', '| --- | --- | --- | ---: | ---: |');
    const rows = [...perPolicy].sort(([a, x], [b, y]) => severityRank[y.severity] - severityRank[x.severity] || y.findings - x.findings || a.localeCompare(b));
    for (const [id, p] of rows) lines.push(`| ${cell(p.title)} | \`${id}\` | ${p.severity} | ${p.findings} | ${p.resources.size} |`);
  }

  // Two files may hold objects of the same name: a resource is its name in its file.
  const perResource = new Map<string, { name: string; file: string; findings: number; worst: Severity }>();
  for (const f of open) {
    const key = `${resourceKey(f)}\u0000${f.location?.file ?? ''}`;
    const r = perResource.get(key) ?? { name: resourceKey(f), file: f.location ? `${f.location.file}:${f.location.line}` : '', findings: 0, worst: f.severity };
    r.findings++;
    if (severityRank[f.severity] > severityRank[r.worst]) r.worst = f.severity;
    perResource.set(key, r);
  }
  const top = ctx.topResources ?? 10;
  if (perResource.size > 0) {
    lines.push('', '### Top resources', '', '| resource | file | findings | worst |', '| --- | --- | ---: | --- |');
    const rows = [...perResource.values()].sort((x, y) => y.findings - x.findings || severityRank[y.worst] - severityRank[x.worst] || x.name.localeCompare(y.name) || x.file.localeCompare(y.file));
    for (const r of rows.slice(0, top)) lines.push(`| ${cell(r.name)} | ${r.file ? `\`${cell(r.file)}\`` : ''} | ${r.findings} | ${r.worst} |`);
    if (rows.length > top) lines.push('', `…and ${rows.length - top} more resources with findings.`);
  }

  if (report.notices.length > 0) {
    lines.push('', '### Notices', '');
    for (const n of report.notices) lines.push(`- ${n.policyId ? `\`${n.policyId}\`: ` : ''}${cell(n.message)}`);
  }
  if (report.errors.length > 0) {
    lines.push('', '### Inputs that could not be read', '');
    for (const e of report.errors.slice(0, 20)) lines.push(`- \`${cell(e.file)}${e.line ? `:${e.line}` : ''}\`: ${cell(e.message)}`);
    if (report.errors.length > 20) lines.push(`- …and ${report.errors.length - 20} more`);
  }
  return `${lines.join('\n')}\n`;
}
