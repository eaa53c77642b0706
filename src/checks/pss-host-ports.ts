// PSS baseline "Host Ports" (PSA check hostPorts, v1.0): every non-zero hostPort is forbidden.
import { t } from './types.js';
import { definePssCheck, psaContainers, single } from './pss/define.js';
import { joinQuote, pluralize, sortBytes } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import { arr, isObj } from '../k8s/values.js';
import type { Path } from '../core/path.js';

export default definePssCheck({
  psa: 'hostPorts',
  id: 'pss-host-ports',
  title: t('Host ports are disallowed (PSS baseline)', 'ホスト ポートを許可しない (PSS baseline)'),
  severity: 'high',
  description: t('No container port may set a non-zero hostPort (PSA supports no allow-list). In a Pod with hostNetwork: true the API server defaults each unset hostPort of containers and init containers to the containerPort, so PSA sees (and names) those too.', 'コンテナー ポートに 0 以外の hostPort を設定してはならない（PSA には許可リストがない）。hostNetwork: true の Pod では API サーバーが未設定の hostPort を containerPort で埋める（コンテナーと初期化コンテナー）ので、PSA はそれも検出する。'),
  remediation: t('Remove hostPort and expose the port through a Service.', 'hostPort を削除し、Service でポートを公開する。'),
  references: { pss: 'Host Ports (baseline)', azurePolicy: AZURE.hostNetworkPorts, kubescape: 'C-0044', links: [PSS_DOCS] },
  evaluate(pod) {
    const names: string[] = [];
    const ports: string[] = [];
    let first: Path | undefined;
    // SetDefaults_Pod (Pods only, not templates): hostNetwork copies containerPort into an unset hostPort
    const hostNetworkPod = pod.kind === 'Pod' && pod.spec.hostNetwork === true;
    for (const c of psaContainers(pod)) {
      let bad = false;
      const defaulted = hostNetworkPod && c.cls !== 'ephemeralContainers';
      arr(c.spec.ports).forEach((p, i) => {
        if (!isObj(p)) return;
        const hostPort = typeof p.hostPort === 'number' ? p.hostPort : 0;
        const port = hostPort === 0 && defaulted && typeof p.containerPort === 'number' ? p.containerPort : hostPort;
        if (port === 0) return;
        bad = true;
        ports.push(String(port));
        first ??= [...c.path, 'ports', i, hostPort === 0 ? 'containerPort' : 'hostPort'];
      });
      if (bad) names.push(c.name);
    }
    if (names.length === 0) return undefined;
    const sorted = sortBytes(ports);
    return {
      reason: 'hostPort',
      detail: `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', sorted.length)} ${sorted.join(', ')}`,
      path: first!,
      container: single(names),
    };
  },
});
