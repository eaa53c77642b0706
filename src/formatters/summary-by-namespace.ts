// Dry run before labelling: per namespace, how many workloads would be rejected (Deny findings) or warned, and by which checks.
import type { Finding, Lang, Report } from '../core/report.js';
import { displayWidth } from './width.js';

export interface NamespaceSummary {
  namespace: string;
  /** workloads with at least one open Deny finding: what enforce would reject */
  rejected: number;
  /** workloads with open findings, none of them Deny: what audit/warn would report */
  warned: number;
  /** per check: how many workloads it rejects (Deny) or warns about (Audit) */
  checks: { policyId: string; rejected: number; warned: number }[];
  workloads: { kind: string; name: string; rejected: boolean; checks: string[] }[];
}

export interface SummaryData { profile: string; namespaces: NamespaceSummary[]; totals: { rejected: number; warned: number } }

const WORDS = {
  en: { title: (p: string) => `Dry run of ${p} by namespace`, ns: 'NAMESPACE', rej: 'REJECTED', warn: 'WARNED', checks: 'CHECKS (workloads)', total: 'total', none: 'No workload would be rejected or warned.' },
  ja: { title: (p: string) => `${p} の名前空間ごとのドライラン`, ns: '名前空間', rej: '拒否', warn: '警告', checks: 'チェック（ワークロード数）', total: '合計', none: '拒否・警告されるワークロードはない。' },
};

export function summaryByNamespace(report: Report, lang: Lang): { text: string; data: SummaryData } {
  const open = report.findings.filter((f: Finding) => f.status === 'open');
  const byNs = new Map<string, Map<string, { kind: string; name: string; deny: Set<string>; audit: Set<string> }>>();
  for (const f of open) {
    const ns = f.resource.namespace ?? '';
    const key = `${f.resource.apiVersion}/${f.resource.kind}/${f.resource.name}`;
    let w = byNs.get(ns);
    if (!w) byNs.set(ns, (w = new Map()));
    let entry = w.get(key);
    if (!entry) w.set(key, (entry = { kind: f.resource.kind, name: f.resource.name, deny: new Set(), audit: new Set() }));
    (f.effect === 'Deny' ? entry.deny : entry.audit).add(f.policyId);
  }
  const namespaces: NamespaceSummary[] = [...byNs.keys()].sort().map((namespace) => {
    const ws = [...byNs.get(namespace)!.values()];
    const checks = new Map<string, { rejected: number; warned: number }>();
    for (const w of ws) {
      for (const id of w.deny) { const c = checks.get(id) ?? { rejected: 0, warned: 0 }; c.rejected++; checks.set(id, c); }
      for (const id of w.audit) { if (w.deny.has(id)) continue; const c = checks.get(id) ?? { rejected: 0, warned: 0 }; c.warned++; checks.set(id, c); }
    }
    return {
      namespace,
      rejected: ws.filter((w) => w.deny.size > 0).length,
      warned: ws.filter((w) => w.deny.size === 0).length,
      checks: [...checks.entries()].map(([policyId, c]) => ({ policyId, ...c })).sort((a, b) => b.rejected - a.rejected || b.warned - a.warned || (a.policyId < b.policyId ? -1 : 1)),
      workloads: ws.map((w) => ({ kind: w.kind, name: w.name, rejected: w.deny.size > 0, checks: [...new Set([...w.deny, ...w.audit])].sort() })).sort((a, b) => (`${a.kind}/${a.name}` < `${b.kind}/${b.name}` ? -1 : 1)),
    };
  });
  const totals = { rejected: namespaces.reduce((s, n) => s + n.rejected, 0), warned: namespaces.reduce((s, n) => s + n.warned, 0) };
  const data: SummaryData = { profile: report.profile, namespaces, totals };

  const w = WORDS[lang];
  const rows = namespaces.map((n) => [n.namespace, String(n.rejected), String(n.warned), n.checks.map((c) => `${c.policyId} (${c.rejected || c.warned})`).join(', ')]);
  const head = [w.ns, w.rej, w.warn, w.checks];
  const all = [head, ...rows, [w.total, String(totals.rejected), String(totals.warned), '']];
  const width = (i: number) => Math.max(...all.map((r) => displayWidth(r[i]!)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(width(i) - displayWidth(c)))).join('  ').trimEnd();
  const text = namespaces.length === 0
    ? `${w.title(report.profile)}\n${w.none}\n`
    : `${w.title(report.profile)}\n${all.map(line).join('\n')}\n`;
  return { text, data };
}
