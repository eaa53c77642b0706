// Defender's recommendation view as text: per recommendation severity, healthy / unhealthy counts and the unhealthy resources; then per namespace.
import type { Lang } from '../core/report.js';
import type { AuditSummary } from './store.js';
import { terminalSafeDeep } from '../formatters/terminal-safe.js';

const L = {
  en: { title: 'Recommendations', sev: { high: 'High', medium: 'Medium', low: 'Low' }, healthy: 'healthy', unhealthy: 'unhealthy', more: (n: number) => `… and ${n} more`, pods: 'pods', ns: 'Namespaces', res: 'resources', cluster: 'cluster-scoped', none: 'No recommendation applies.' },
  ja: { title: '推奨事項', sev: { high: '高', medium: '中', low: '低' }, healthy: '正常', unhealthy: '異常', more: (n: number) => `… ほか ${n} 件`, pods: 'ポッド', ns: '名前空間', res: 'リソース', cluster: 'クラスター スコープ', none: '該当する推奨事項はありません。' },
} as const;

export function renderSummary(raw: AuditSummary, lang: Lang, maxListed = 10): string {
  // Object and Pod names come from the cluster: a terminal must not act on what they contain.
  const s = terminalSafeDeep(raw);
  const t = L[lang];
  const out: string[] = [`${t.title} (${s.profile}, ${s.cluster}, ${s.resources} ${t.res})`];
  if (s.recommendations.length === 0) out.push(`  ${t.none}`);
  for (const r of s.recommendations) {
    out.push(`  [${t.sev[r.severity]}] ${r.title} (${r.policyId}): ${t.unhealthy} ${r.unhealthy}, ${t.healthy} ${r.healthy}`);
    for (const u of r.unhealthyResources.slice(0, maxListed)) {
      const pods = u.pods.length ? ` (${t.pods}: ${u.pods.slice(0, 5).join(', ')}${u.pods.length > 5 ? ', …' : ''})` : '';
      out.push(`      ${u.kind} ${u.namespace ? `${u.namespace}/` : ''}${u.name}${pods}`);
    }
    if (r.unhealthyResources.length > maxListed) out.push(`      ${t.more(r.unhealthyResources.length - maxListed)}`);
  }
  out.push('', t.ns);
  for (const n of s.namespaces) {
    const f = n.findings;
    out.push(`  ${n.namespace || `(${t.cluster})`}: ${t.res} ${n.resources}, ${t.unhealthy} ${n.unhealthy} (${t.sev.high} ${f.high}, ${t.sev.medium} ${f.medium}, ${t.sev.low} ${f.low})`);
  }
  return `${out.join('\n')}\n`;
}
