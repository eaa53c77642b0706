// PSS baseline "Host Probes / Lifecycle Hooks" (PSA check hostProbesAndHostLifecycle, v1.34).
import { t } from './types.js';
import { definePssCheck, psaContainers, single } from './pss/define.js';
import { joinQuote, pluralize, sortBytes } from './pss/format.js';
import { PSS_DOCS } from './pss/crosswalk.js';
import { obj, str } from '../k8s/values.js';
import type { Path } from '../core/path.js';

const PLACES: readonly (readonly string[])[] = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];

export default definePssCheck({
  psa: 'hostProbesAndHostLifecycle',
  id: 'pss-host-probes',
  title: t('Probes and lifecycle hooks must not target other hosts (PSS baseline)', 'プローブとライフサイクル フックで別ホストを指定しない (PSS baseline)'),
  severity: 'medium',
  description: t(
    'From v1.34: the host field of httpGet and tcpSocket in liveness/readiness/startup probes and postStart/preStop hooks must be empty or unset.',
    'v1.34 から: liveness/readiness/startup プローブと postStart/preStop フックの httpGet・tcpSocket の host は空か未設定でなければならない。',
  ),
  remediation: t('Remove the host field; probes then target the pod IP.', 'host フィールドを削除する（プローブは Pod の IP に向かう）。'),
  references: { pss: 'Host Probes / Lifecycle Hooks (baseline, v1.34+)', links: [PSS_DOCS] },
  evaluate(pod) {
    // PSA collects names and hosts in sets and lists both sorted
    const names = new Set<string>();
    const hosts = new Set<string>();
    let first: Path | undefined;
    for (const c of psaContainers(pod)) {
      for (const place of PLACES) {
        let h: unknown = c.spec;
        for (const k of place) h = obj(h)?.[k];
        for (const kind of ['httpGet', 'tcpSocket']) {
          const host = str(obj(obj(h)?.[kind])?.host) ?? '';
          if (host === '') continue;
          names.add(c.name);
          hosts.add(host);
          first ??= [...c.path, ...place, kind, 'host'];
        }
      }
    }
    if (names.size === 0) return undefined;
    const sorted = sortBytes(names);
    return {
      reason: 'probe or lifecycle host',
      detail: `${pluralize('container', 'containers', sorted.length)} ${joinQuote(sorted)} ${pluralize('uses', 'use', sorted.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.size)} ${joinQuote(sortBytes(hosts))}`,
      path: first!,
      container: single(sorted),
    };
  },
});
