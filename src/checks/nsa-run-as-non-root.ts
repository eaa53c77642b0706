// NSA/CISA (seed 000 #3): runAsNonRoot is true for every container (container value wins over the pod's).
import { remedy, t } from './types.js';
import { RUN_AS_NON_ROOT } from './changes.js';
import { nonRootProof } from './evidence.js';
import { defineNsaCheck, NSA_GUIDE, perContainer } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-run-as-non-root',
    title: t('runAsNonRoot must be true', 'runAsNonRoot を true にする'),
    severity: 'medium',
    description: t('NSA/CISA: with runAsNonRoot true the kubelet refuses to start a container that would run as root. Each container\'s effective runAsNonRoot (its own, else the pod\'s) must be true; a container false overrides a pod true.', 'NSA/CISA: runAsNonRoot が true なら root で動くコンテナーは起動に失敗する。各コンテナーの実効 runAsNonRoot（自身の値、なければ Pod の値）が true であること。コンテナーの false は Pod の true より優先される。'),
    remediation: t('Set spec.securityContext.runAsNonRoot: true and remove container-level runAsNonRoot: false.', 'spec.securityContext.runAsNonRoot: true を設定し、コンテナーの runAsNonRoot: false を削除する。'),
    references: { nsa: 'Non-root containers: runAsNonRoot true (seed 000 #3)', pss: 'Running as Non-root (restricted)', azurePolicy: AZURE.usersGroups, kubescape: 'C-0013', links: [NSA_GUIDE] },
    changes: [RUN_AS_NON_ROOT],
  },
  check(pod, containers) {
    return perContainer(pod, containers, 'runAsNonRoot', (v, c, from) => {
      if (v === true) return undefined;
      if (v === undefined) return t(`container ${JSON.stringify(c.name)} does not set runAsNonRoot: true (neither the container nor the pod)`, `コンテナー ${JSON.stringify(c.name)} は runAsNonRoot: true を設定していない（コンテナーにも Pod にもない）`);
      return t(`container ${JSON.stringify(c.name)} sets runAsNonRoot=${JSON.stringify(v)} (${from} securityContext)`, `コンテナー ${JSON.stringify(c.name)} は runAsNonRoot=${JSON.stringify(v)}（${from === 'pod' ? 'Pod' : 'コンテナー'} の securityContext）`);
    }, (c) => (c.sc?.runAsNonRoot === false ? undefined : remedy(RUN_AS_NON_ROOT, [{ op: 'set', path: [...pod.specPath, 'securityContext', 'runAsNonRoot'], value: true }], nonRootProof(pod, pod.containers))));
  },
});
