// #9 Containers sharing sensitive host namespaces should be avoided (Azure K8sAzureV2BlockHostNamespace, the version Defender pins).
import { z } from 'zod';
import { LEAVE_HOST } from './changes.js';
import { definePodCheck, remedy, t, type FixOp } from './types.js';
import { excludedImages } from './params.js';
import { isSet } from '../k8s/values.js';
import type { Path } from '../core/path.js';
import { AZURE } from './pss/crosswalk.js';

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'host-namespace-shared',
    title: t('Containers sharing sensitive host namespaces should be avoided', '機密性の高いホストの名前空間を共有するコンテナーは避ける必要がある'),
    severity: 'medium',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: false,
    description: t(
      'A pod that shares the host PID or IPC namespace can see and signal every process on the node and read shared memory of other workloads. hostNetwork is judged by host-network-or-port, not here.',
      'ホストの PID 名前空間や IPC 名前空間を共有するポッドは、ノード上のすべてのプロセスを参照・シグナル送信でき、他のワークロードの共有メモリも読み取れます。hostNetwork はここではなく host-network-or-port で判定します。',
    ),
    remediation: t(
      'Remove spec.hostPID and spec.hostIPC from the pod (or set them to false).',
      'ポッドの spec.hostPID と spec.hostIPC を削除する（または false にする）。',
    ),
    references: {
      azurePolicy: AZURE.hostNamespace,
      defenderKey: '802c0637-5a8c-4c98-abd7-7c96d89d6010',
      pss: 'Host Namespaces (baseline)',
      nsa: 'Pod security: do not share host process or IPC namespaces (hostPID, hostIPC)',
      kubescape: 'C-0038',
    },
    changes: [LEAVE_HOST],
  },
  params: () => z.object({ excludedImages: excludedImages() }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  // v2 has no excludedContainers; a pod whose every image is excluded passes.
  excludes: { containers: false, images: true },
  requiresIncludedContainer: true,
  check({ pod }) {
    const shared = (['hostPID', 'hostIPC'] as const).filter((f) => isSet(pod.spec[f]));
    if (shared.length === 0) return [];
    const pathOf = (f: string): Path => [...pod.specPath, f];
    const fix: FixOp[] = shared.map((f) => ({ op: 'remove', path: pathOf(f) }));
    // One record per pod, as the template emits one message per pod name.
    return [{
      path: pathOf(shared[0]!),
      container: null,
      message: t(
        `Sharing the host namespace is not allowed: ${pod.name}`,
        `ホストの名前空間の共有は許可されていません: ${pod.name}`,
      ),
      ...remedy(LEAVE_HOST, fix),
    }];
  },
});
