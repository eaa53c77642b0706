// The default terminal output: findings grouped by resource, severity coloured on a TTY, a summary line.
import type { Finding, Report, Severity } from '../model/types.js';
import { words } from './i18n.js';
import { terminalSafeDeep } from './terminal-safe.js';

export interface TableOptions { color: boolean }

const COLORS: Record<Severity, string> = { high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

function resourceName(f: Finding): string {
  const r = f.resource;
  return `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

export function renderTable(raw: Report, opts: TableOptions): string {
  // Names, messages and paths come from manifests: a terminal must not act on what they contain.
  const report = terminalSafeDeep(raw);
  const w = words(report.lang);
  const paint = (code: string, s: string): string => (opts.color ? `${code}${s}${RESET}` : s);
  const out: string[] = [];
  const titles = new Map(report.policies.map((p) => [p.policyId, p.title]));
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    // the same object name in two files is two things to fix
    const k = `${resourceName(f)}\u0000${f.location?.file ?? ''}`;
    const list = groups.get(k) ?? [];
    list.push(f);
    groups.set(k, list);
  }
  for (const [key, list] of groups) {
    const where = list.find((f) => f.location)?.location;
    out.push(paint(BOLD, key.split('\u0000')[0]!) + (where ? paint(DIM, `  ${where.file}`) : ''));
    for (const f of list) {
      const sev = paint(COLORS[f.severity], w.severity[f.severity].padEnd(report.lang === 'ja' ? 2 : 6));
      const loc = f.location ? `${f.location.line}:${f.location.column}` : '';
      const status = f.status === 'excepted' ? paint(DIM, ` [${w.exceptedBy}: ${f.statusReason}]`)
        : f.status === 'suppressed' ? paint(DIM, ` [${w.suppressedBy}: ${f.statusReason}]`) : '';
      const title = titles.get(f.policyId);
      out.push(`  ${sev} ${title ? `${title} ${paint(DIM, `[${f.policyId}]`)}` : f.policyId}${f.container ? ` (${f.container})` : ''}${loc ? paint(DIM, ` ${loc}`) : ''}${status}`);
      out.push(`         ${f.message}`);
      out.push(paint(DIM, `         ${f.path}`));
      if (f.status === 'open') out.push(`         ${w.fix}: ${f.remediation}`);
    }
    out.push('');
  }
  if (report.notices.length) {
    out.push(paint(BOLD, w.notices));
    for (const n of report.notices) out.push(`  ${n.policyId ? `${n.policyId}: ` : ''}${n.message}`);
    out.push('');
  }
  if (report.unusedExceptions.length) {
    out.push(paint(BOLD, w.unused));
    for (const u of report.unusedExceptions) out.push(`  ${u.policy} ${u.resource}: ${u.reason}`);
    out.push('');
  }
  if (report.errors.length) {
    out.push(paint(BOLD, w.errors));
    for (const e of report.errors) out.push(`  ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    out.push('');
  }
  const s = report.summary;
  if (s.findings === 0 && report.findings.length === 0) out.push(w.noFindings);
  const extra = [s.excepted ? w.excepted(s.excepted) : '', s.suppressed ? w.suppressed(s.suppressed) : ''].filter(Boolean).join(', ');
  out.push(w.summary(s.resources, s.findings, s.bySeverity.high, s.bySeverity.medium, s.bySeverity.low) + (extra ? `; ${extra}` : ''));
  return `${out.join('\n')}\n`;
}
