// NSA/CISA (seed 000 #9): a seccomp profile, RuntimeDefault or Localhost, for every container (container value wins).
import { remedy, t } from './types.js';
import { RUNTIME_DEFAULT } from './changes.js';
import { defineNsaCheck, NSA_GUIDE, perContainer } from './pss/nsa-common.js';
import { obj, str } from '../k8s/values.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-seccomp',
    title: t('A seccomp profile (RuntimeDefault or Localhost) must apply', 'seccomp プロファイル（RuntimeDefault か Localhost）を適用する'),
    severity: 'medium',
    description: t('NSA/CISA: Kubernetes does not enable seccomp by default; each container\'s effective seccompProfile (its own, else the pod\'s) must be RuntimeDefault or Localhost. The deprecated annotations do not count (see seccomp-annotation-deprecated).', 'NSA/CISA: Kubernetes は既定で seccomp を有効にしない。各コンテナーの実効 seccompProfile（自身の値、なければ Pod の値）が RuntimeDefault か Localhost であること。非推奨の注釈は数えない（seccomp-annotation-deprecated を参照）。'),
    remediation: t('Set spec.securityContext.seccompProfile: {type: RuntimeDefault}.', 'spec.securityContext.seccompProfile: {type: RuntimeDefault} を設定する。'),
    references: { nsa: 'Pod security: seccompProfile runtime/default (seed 000 #9)', pss: 'Seccomp (restricted)', kubescape: 'C-0055', links: [NSA_GUIDE] },
    changes: [RUNTIME_DEFAULT],
  },
  check(pod, containers) {
    return perContainer(pod, containers, 'seccompProfile', (v, c, from) => {
      const type = str(obj(v)?.type);
      if (type === 'RuntimeDefault' || type === 'Localhost') return undefined;
      if (v === undefined) return t(`container ${JSON.stringify(c.name)} has no seccomp profile (neither the container nor the pod sets seccompProfile): it runs Unconfined unless the kubelet enables seccompDefault`, `コンテナー ${JSON.stringify(c.name)} には seccomp プロファイルがない（kubelet の seccompDefault がなければ Unconfined で動く）`);
      return t(`container ${JSON.stringify(c.name)} uses seccompProfile.type ${JSON.stringify(type ?? '')} (${from} securityContext)`, `コンテナー ${JSON.stringify(c.name)} の seccompProfile.type は ${JSON.stringify(type ?? '')}`);
    }, (c) => (obj(c.sc?.seccompProfile) ? undefined : remedy(RUNTIME_DEFAULT, [{ op: 'set', path: [...pod.specPath, 'securityContext', 'seccompProfile'], value: { type: 'RuntimeDefault' } }])));
  },
});
