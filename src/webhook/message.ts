// The words kubectl prints: the denial text, one warning per audit finding, and the audit annotations.
import type { Finding } from '../core/report.js';
import { checkById } from '../checks/index.js';
import { cap } from './bounded.js';

/** The API server may cut warnings beyond 256 characters; keep each one whole. */
export const MAX_WARNING_CHARS = 256;
/** Findings listed per policy in a denial; the rest are counted, so the message stays readable and bounded. */
export const MAX_LINES_PER_POLICY = 10;
/** Warnings per answer: the API server keeps only the first 4 KiB of them anyway. */
export const MAX_WARNINGS = 16;

function where(f: Finding): string {
  return f.container === null ? '' : ` container "${f.container}"`;
}

function resourceName(f: Finding): string {
  const r = f.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Every violated recommendation, container and remediation in one text, grouped by recommendation:
 *   mamori (profile defender) refused Deployment web/redis: 2 recommendations violated
 *   [privileged-container] Privileged containers should be avoided (high)
 *     - container "redis" at spec.template.spec.containers[0].securityContext.privileged: …
 *     remediation: …
 */
export function denyMessage(findings: readonly Finding[], profile: string): string {
  const byPolicy = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPolicy.get(f.policyId) ?? [];
    list.push(f);
    byPolicy.set(f.policyId, list);
  }
  const n = byPolicy.size;
  const lines = [`mamori (profile ${profile}) refused ${resourceName(findings[0]!)}: ${n} recommendation${n === 1 ? '' : 's'} violated`];
  for (const [id, list] of byPolicy) {
    const title = checkById(id)?.meta.title.en;
    lines.push(`[${id}]${title ? ` ${oneLine(title)}` : ''} (${list[0]!.severity})`);
    for (const f of list.slice(0, MAX_LINES_PER_POLICY)) lines.push(`  -${where(f)}${f.container === null ? '' : ' at'} ${f.path || '(object)'}: ${cap(oneLine(f.message), 512)}`);
    if (list.length > MAX_LINES_PER_POLICY) lines.push(`  - … and ${list.length - MAX_LINES_PER_POLICY} more`);
    lines.push(`  remediation: ${oneLine(list[0]!.remediation)}`);
  }
  return lines.join('\n');
}

/** One line per audit finding: "[policy-id] container "c": message", cut to what the API server passes on. */
export function findingWarning(f: Finding): string {
  const text = `[${f.policyId}]${where(f)}: ${oneLine(f.message)}`;
  return text.length <= MAX_WARNING_CHARS ? text : `${text.slice(0, MAX_WARNING_CHARS - 1)}…`;
}

/** At most MAX_WARNINGS lines; the last one says how many were left out. */
export function boundedWarnings(lines: readonly string[]): string[] {
  if (lines.length <= MAX_WARNINGS) return [...lines];
  return [...lines.slice(0, MAX_WARNINGS - 1), `[mamori] ${lines.length - MAX_WARNINGS + 1} more warnings left out; see \`mamori scan\` for all`];
}

/** One line per finding an object's own annotation suppressed, so the suppression is never silent. */
export function suppressedWarning(f: Finding): string {
  const text = `[${f.policyId}]${where(f)}: suppressed by mamori.dev/ignore (${oneLine(f.statusReason ?? '')}): ${oneLine(f.message)}`;
  return text.length <= MAX_WARNING_CHARS ? text : `${text.slice(0, MAX_WARNING_CHARS - 1)}…`;
}

/** The distinct policies behind the findings of one effect, in order of first appearance. */
export function policyIds(findings: readonly Finding[], effect: Finding['effect']): string[] {
  return [...new Set(findings.filter((f) => f.effect === effect).map((f) => f.policyId))];
}

/** Audit-log annotations (the API server prefixes each key with the webhook's name). */
export function auditAnnotations(findings: readonly Finding[], suppressed: readonly string[] = []): Record<string, string> | undefined {
  if (findings.length === 0 && suppressed.length === 0) return undefined;
  const out: Record<string, string> = {};
  const deny = policyIds(findings, 'Deny').join(',');
  const audit = policyIds(findings, 'Audit').join(',');
  if (deny) out['deny-violations'] = deny;
  if (audit) out['audit-violations'] = audit;
  if (suppressed.length > 0) out['suppressed-violations'] = suppressed.join(',');
  return out;
}
