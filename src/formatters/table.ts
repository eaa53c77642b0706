// The default terminal output: findings by file and resource, worst first; remediations once per policy; a summary.
import type { Finding, Report, Severity } from '../core/report.js';
import { SEVERITIES, severityRank } from '../core/report.js';
import { words } from './i18n.js';
import { displayWidth, padEnd, padStart } from './width.js';
import { terminalSafeDeep } from './terminal-safe.js';

export interface TableOptions { color: boolean; verbose?: boolean }

const COLORS: Record<Severity, string> = { high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const GREEN = '\x1b[32m';
const RESET = '\x1b[0m';

/** Every string that came from a manifest passes here before it reaches the terminal. */
function shown(s: string): string {
  return s;
}

function resourceName(f: Finding): string {
  const r = f.resource;
  return `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function byWorstThenLine(a: Finding, b: Finding): number {
  return severityRank[b.severity] - severityRank[a.severity]
    || (a.location?.line ?? 0) - (b.location?.line ?? 0)
    || (a.location?.column ?? 0) - (b.location?.column ?? 0)
    || (a.policyId < b.policyId ? -1 : a.policyId > b.policyId ? 1 : 0);
}

/** file -> resource -> findings, files by name, resources by their first line in the file. */
function grouped(findings: readonly Finding[]): [string, Finding[][]][] {
  const files = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    const file = f.location?.file ?? '';
    let res = files.get(file);
    if (!res) files.set(file, (res = new Map()));
    const key = `${f.resource.apiVersion}\u0000${resourceName(f)}`;
    const list = res.get(key);
    if (list) list.push(f);
    else res.set(key, [f]);
  }
  const firstLine = (l: Finding[]): number => Math.min(...l.map((f) => f.location?.line ?? 0));
  return [...files.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a < b ? -1 : 1))
    .map(([file, res]) => [file, [...res.values()].sort((a, b) => firstLine(a) - firstLine(b)).map((l) => l.sort(byWorstThenLine))]);
}

export function renderTable(raw: Report, opts: TableOptions): string {
  // Names, messages and paths come from manifests: a terminal must not act on what they contain.
  const report = terminalSafeDeep(raw);
  const w = words(report.lang);
  const paint = (code: string, s: string): string => (opts.color ? `${code}${s}${RESET}` : s);
  const out: string[] = [];
  const titles = new Map(report.policies.map((p) => [p.policyId, p.title]));
  const sevWidth = Math.max(...SEVERITIES.map((s) => displayWidth(w.severity[s])));
  const locOf = (f: Finding): string => (f.location ? `${f.location.line}:${f.location.column}` : '');
  const locWidth = Math.max(0, ...report.findings.map((f) => locOf(f).length));
  // message and path line up under the title, whatever the language
  const indent = ' '.repeat(4 + sevWidth + 1 + (locWidth ? locWidth + 2 : 0));

  for (const [file, resources] of grouped(report.findings)) {
    // findings of a live cluster (audit) have no file: their resources stand alone
    if (file) out.push(paint(BOLD, shown(file)));
    for (const list of resources) {
      out.push(`  ${paint(BOLD, shown(resourceName(list[0]!)))}`);
      for (const f of list) {
        const sev = paint(COLORS[f.severity], padEnd(w.severity[f.severity], sevWidth));
        const loc = locWidth ? `${paint(DIM, padStart(locOf(f), locWidth))}  ` : '';
        const title = titles.get(f.policyId);
        const status = f.status === 'excepted' ? paint(DIM, ` [${w.exceptedBy}: ${shown(f.statusReason ?? '')}]`)
          : f.status === 'suppressed' ? paint(DIM, ` [${w.suppressedBy}: ${shown(f.statusReason ?? '')}]`) : '';
        const fresh = f.baseline === 'new' ? ` ${paint(BOLD, `[${w.isNew}]`)}` : '';
        out.push(`    ${sev} ${loc}${title ? `${title} ${paint(DIM, `[${f.policyId}]`)}` : f.policyId}${f.container ? ` (${shown(f.container)})` : ''}${fresh}${status}`);
        out.push(`${indent}${shown(f.message)}`);
        out.push(paint(DIM, `${indent}${shown(f.path)}`));
        if (opts.verbose && f.status === 'open') out.push(`${indent}${w.fix}: ${f.remediation}`);
      }
    }
    out.push('');
  }

  if (report.baseline?.fixed.length) {
    out.push(paint(BOLD, `${w.fixedHead(shown(report.baseline.file))} (${report.baseline.fixed.length})`));
    for (const f of [...report.baseline.fixed].sort(byWorstThenLine)) {
      const where = f.location ? paint(DIM, `  ${shown(f.location.file)}:${f.location.line}`) : '';
      out.push(`  ${paint(GREEN, padEnd(w.severity[f.severity] ?? f.severity, sevWidth))} ${shown(resourceName(f))} [${f.policyId}]${f.container ? ` (${shown(f.container)})` : ''}${where}`);
    }
    out.push('');
  }
  if (report.notices.length) {
    out.push(paint(BOLD, w.notices));
    for (const n of report.notices) out.push(`  ${n.policyId ? `${n.policyId}: ` : ''}${shown(n.message)}`);
    out.push('');
  }
  if (report.unusedExceptions.length) {
    out.push(paint(BOLD, w.unused));
    for (const u of report.unusedExceptions) out.push(`  ${u.policy} ${shown(u.resource)}: ${shown(u.reason)}`);
    out.push('');
  }
  if (report.errors.length) {
    out.push(paint(BOLD, w.errors));
    for (const e of report.errors) out.push(`  ${shown(e.file)}${e.line ? `:${e.line}` : ''}: ${shown(e.message)}`);
    out.push('');
  }
  if (!opts.verbose) out.push(...legend(report, titles, paint));
  out.push(...summary(report, titles, paint, sevWidth));
  return `${out.join('\n')}\n`;
}

/** Each policy with open findings and its remediation, printed once instead of under every finding. */
function legend(report: Report, titles: Map<string, string>, paint: (c: string, s: string) => string): string[] {
  const w = words(report.lang);
  const byPolicy = new Map<string, Set<string>>();
  for (const f of report.findings) {
    if (f.status !== 'open' || !f.remediation) continue;
    const set = byPolicy.get(f.policyId) ?? new Set<string>();
    set.add(f.remediation);
    byPolicy.set(f.policyId, set);
  }
  if (byPolicy.size === 0) return [];
  const out = [paint(BOLD, w.legend)];
  for (const [id, texts] of [...byPolicy].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const title = titles.get(id);
    out.push(title ? `  ${title} ${paint(DIM, `[${id}]`)}` : `  ${id}`);
    for (const t of texts) out.push(`    ${t}`);
  }
  out.push('');
  return out;
}

function summary(report: Report, titles: Map<string, string>, paint: (c: string, s: string) => string, sevWidth: number): string[] {
  const w = words(report.lang);
  const s = report.summary;
  const out: string[] = [];
  if (s.findings > 0 || report.scanned || report.baseline) out.push(paint(BOLD, w.summaryHead));
  if (s.findings > 0) {
    const counts = SEVERITIES.map((sev) => String(s.bySeverity[sev]));
    const numWidth = Math.max(...counts.map((c) => c.length), ...Object.values(s.byPolicy).map((n) => String(n).length));
    out.push(`  ${w.bySeverity}`);
    SEVERITIES.forEach((sev, i) => out.push(`    ${paint(COLORS[sev], padEnd(w.severity[sev], sevWidth))} ${padStart(counts[i]!, numWidth)}`));
    out.push(`  ${w.byPolicy}`);
    const ids = Object.keys(s.byPolicy).sort((a, b) => s.byPolicy[b]! - s.byPolicy[a]! || (a < b ? -1 : 1));
    const idWidth = Math.max(...ids.map((id) => id.length));
    for (const id of ids) out.push(`    ${padEnd(id, idWidth)} ${padStart(String(s.byPolicy[id]), numWidth)}  ${paint(DIM, titles.get(id) ?? '')}`.trimEnd());
  }
  if (report.scanned) {
    const sc = report.scanned;
    out.push(`  ${w.scanned(sc.paths.map(shown).join(', '), sc.files, sc.objects, sc.skipped)}`);
  }
  if (report.baseline) {
    const b = report.baseline;
    out.push(`  ${w.baseline(shown(b.file), b.new, b.unchanged, b.fixed.length)}`);
  }
  if (s.findings === 0 && report.findings.length === 0) out.push(w.noFindings);
  const extra = [s.excepted ? w.excepted(s.excepted) : '', s.suppressed ? w.suppressed(s.suppressed) : ''].filter(Boolean).join(', ');
  out.push(w.summary(s.resources, s.findings, s.bySeverity.high, s.bySeverity.medium, s.bySeverity.low) + (extra ? `; ${extra}` : ''));
  return out;
}
