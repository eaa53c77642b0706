// NSA/CISA (seed 000, host namespaces #1-#3): no hostPID, hostIPC or hostNetwork.
import { t } from './types.js';
import type { Violation } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';

const WHAT = {
  hostPID: t('sees and can signal every process of the node', 'ノードのすべてのプロセスを参照・操作できる'),
  hostIPC: t('shares System V IPC and POSIX message queues with the node', 'ノードと System V IPC・POSIX メッセージ キューを共有する'),
  hostNetwork: t('shares the node\'s network namespace', 'ノードのネットワークを共有する'),
} as const;

export default defineNsaCheck({
  meta: {
    id: 'nsa-host-namespaces',
    title: t('Host PID, IPC and network namespaces must not be shared', 'ホストの PID・IPC・ネットワーク名前空間を共有しない'),
    severity: 'high',
    description: t('NSA/CISA: deny features used to break out of containers: hostPID, hostIPC and hostNetwork must be false or unset.', 'NSA/CISA: 脱獄に使われる機能を拒否する。hostPID・hostIPC・hostNetwork は false か未設定であること。'),
    remediation: t('Remove hostPID, hostIPC and hostNetwork from the pod spec.', 'Pod spec から hostPID・hostIPC・hostNetwork を削除する。'),
    references: { nsa: 'Pod security: no hostPID / hostIPC / hostNetwork (seed 000, host namespaces #1-#3)', pss: 'Host Namespaces (baseline)', azurePolicy: AZURE.hostNamespace, kubescape: 'C-0038, C-0041', links: [NSA_GUIDE] },
  },
  skipWindows: false,
  check(pod) {
    const out: Violation[] = [];
    for (const f of ['hostPID', 'hostIPC', 'hostNetwork'] as const) {
      if (pod.spec[f] !== true) continue;
      out.push({ path: [...pod.specPath, f], container: null, message: t(`${f}=true: the pod ${WHAT[f].en}`, `${f}=true: Pod は${WHAT[f].ja}`) });
    }
    return out;
  },
});
