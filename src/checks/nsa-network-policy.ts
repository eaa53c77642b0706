// NSA/CISA network separation: when the input holds NetworkPolicies for a namespace, each workload there is selected by one.
import { t } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { selects } from './pss/label-selector.js';
import { obj, str, type Obj } from '../k8s/values.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-network-policy',
    title: t('A NetworkPolicy must select every workload', 'すべてのワークロードを NetworkPolicy で選択する'),
    severity: 'medium',
    description: t(
      'NSA/CISA network separation: default-deny NetworkPolicies, then allow only what is needed. A workload is covered when a NetworkPolicy of its namespace selects its pod labels (podSelector matchLabels and matchExpressions In, NotIn, Exists, DoesNotExist; {} selects all). Judged only for namespaces that have NetworkPolicies in the input, since a scan of workload files alone cannot know the cluster\'s policies.',
      'NSA/CISA のネットワーク分離: 既定拒否の NetworkPolicy を置き、必要な通信だけを許可する。同じ名前空間の NetworkPolicy の podSelector（matchLabels と matchExpressions の In・NotIn・Exists・DoesNotExist。{} はすべて）が Pod のラベルを選択すれば合格。入力に NetworkPolicy がある名前空間だけを判定する（ワークロードのファイルだけではクラスターのポリシーが分からないため）。',
    ),
    remediation: t('Add a NetworkPolicy whose podSelector matches the workload (a default-deny policy with podSelector: {} covers the whole namespace).', 'ワークロードに一致する podSelector を持つ NetworkPolicy を追加する（podSelector: {} の既定拒否ポリシーで名前空間全体を覆える）。'),
    references: { nsa: 'Network separation and hardening: default-deny NetworkPolicies', kubescape: 'C-0030', links: [NSA_GUIDE] },
  },
  skipWindows: false,
  check(pod, _containers, { inventory }) {
    const policies = inventory.networkPolicies(pod.namespace);
    if (policies.length === 0) return [];
    const labels = obj(pod.meta.labels) ?? {};
    if (policies.some((p: Obj) => selects(obj(obj(p.spec)?.podSelector), labels))) return [];
    const names = policies.map((p) => str(obj(p.metadata)?.name) ?? '').join(', ');
    return [{
      path: [...pod.templatePath, 'metadata', 'labels'],
      container: null,
      message: t(
        `no NetworkPolicy of namespace ${pod.namespace} selects this workload's pod labels ${JSON.stringify(labels)} (policies: ${names})`,
        `名前空間 ${pod.namespace} のどの NetworkPolicy もこのワークロードの Pod ラベル ${JSON.stringify(labels)} を選択していない（ポリシー: ${names}）`,
      ),
    }];
  },
});
