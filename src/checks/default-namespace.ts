// #13 Kubernetes clusters should not use the default namespace (Azure K8sAzureV1BlockDefault).
import { z } from 'zod';
import { defineObjectCheck, t } from './types.js';
import { AZURE } from './pss/crosswalk.js';

/** Objects Kubernetes itself puts in the default namespace. */
const BUILT_IN: Record<string, string> = { ServiceAccount: 'default', Service: 'kubernetes' };
const CORE_KINDS = new Set(['Pod', 'Service', 'ServiceAccount']);

export default defineObjectCheck({
  target: 'object',
  meta: {
    id: 'default-namespace',
    title: t('Kubernetes clusters should not use the default namespace', 'Kubernetes クラスターでは既定の名前空間を使用しない'),
    severity: 'low',
    category: t('Implement security best practices', 'セキュリティのベストプラクティスを実装する'),
    needsConfiguration: false,
    description: t(
      'Workloads in the default namespace share it with everything else deployed without thought, so RBAC, network policies and quotas cannot separate them. Pods (and the workloads whose pods land there), Services and ServiceAccounts are judged; an object without metadata.namespace lands in the namespace it is applied to (--namespace, default "default").',
      '既定 (default) の名前空間にあるワークロードは、何も考えずにデプロイされた他のすべてのものと名前空間を共有するため、RBAC、ネットワーク ポリシー、クォータで分離できません。ポッド（およびポッドを作成するワークロード）、Service、ServiceAccount を判定します。metadata.namespace のないオブジェクトは適用先の名前空間（--namespace、既定は "default"）に配置されます。',
    ),
    remediation: t(
      'Deploy into a dedicated namespace: set metadata.namespace (or apply with kubectl -n).',
      '専用の名前空間にデプロイする: metadata.namespace を設定する（または kubectl -n で適用する）。',
    ),
    references: {
      azurePolicy: AZURE.defaultNamespace,
      defenderKey: 'ff87e0b4-17df-d338-5b19-80e71e0dcc9d',
      nsa: 'Network separation and hardening: use namespaces to isolate resources',
      kubescape: 'C-0061',
    },
  },
  params: () => z.object({}),
  // 'Pod' also matches every pod-bearing workload: its pods land in the same namespace.
  kinds: ['Pod', 'Service', 'ServiceAccount'],
  check({ view }) {
    // The policy matches the core API group only (a Knative Service is not a Service).
    if (CORE_KINDS.has(view.kind) && view.apiVersion !== 'v1') return [];
    if (view.namespace !== 'default') return [];
    if (BUILT_IN[view.kind] === view.name) return [];
    return [{
      path: ['metadata', 'namespace'],
      container: null,
      message: t(
        `Usage of the default namespace is not allowed, name: ${view.name}, kind: ${view.kind}`,
        `既定の名前空間の使用は許可されていません。名前: ${view.name}、種類: ${view.kind}`,
      ),
      // Which namespace to use is the user's decision: nothing to apply, only advice.
      suggestion: {
        ops: [],
        text: t('Choose a dedicated namespace and set metadata.namespace to it.', '専用の名前空間を決め、metadata.namespace に設定する。'),
      },
    }];
  },
});
