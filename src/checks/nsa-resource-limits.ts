// NSA/CISA resource policies: every container (and init container) sets CPU and memory limits.
import { t } from './types.js';
import type { Violation } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';
import { obj } from '../k8s/values.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-resource-limits',
    title: t('CPU and memory limits must be set', 'CPU とメモリの制限を設定する'),
    severity: 'medium',
    description: t('NSA/CISA resource policies: limit what each container may use so one workload cannot exhaust the node. resources.limits.cpu and resources.limits.memory must be set on regular and init containers (ephemeral containers cannot have resources).', 'NSA/CISA のリソース ポリシー: 1 つのワークロードがノードを使い尽くさないよう、各コンテナーの使用量を制限する。通常・init コンテナーに resources.limits.cpu と resources.limits.memory を設定すること（エフェメラル コンテナーは resources を持てない）。'),
    remediation: t('Set resources.limits.cpu and resources.limits.memory on every container (or give the namespace a LimitRange).', 'すべてのコンテナーに resources.limits.cpu と resources.limits.memory を設定する（または名前空間に LimitRange を置く）。'),
    references: { nsa: 'Resource policies: container limits (LimitRange / ResourceQuota)', azurePolicy: AZURE.resourceLimits, kubescape: 'C-0270, C-0271', links: [NSA_GUIDE] },
  },
  classes: ['containers', 'initContainers'],
  skipWindows: false,
  check(_pod, containers) {
    const out: Violation[] = [];
    for (const c of containers) {
      const limits = obj(obj(c.spec.resources)?.limits);
      for (const r of ['cpu', 'memory']) {
        const v = limits?.[r];
        if (v !== undefined && v !== null && v !== '') continue;
        out.push({ path: [...c.path, 'resources', 'limits', r], container: c.name, message: t(`container ${JSON.stringify(c.name)} sets no ${r} limit (resources.limits.${r})`, `コンテナー ${JSON.stringify(c.name)} は ${r} の制限（resources.limits.${r}）を設定していない`) });
      }
    }
    return out;
  },
});
