// NSA/CISA (seed 000 #6): no privileged containers.
import { remedy, t } from './types.js';
import { UNPRIVILEGE } from './changes.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';
import { containerField } from '../k8s/workload.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-privileged',
    title: t('Containers must not be privileged', '特権コンテナーにしない'),
    severity: 'high',
    description: t('NSA/CISA: privileged false (the default). Unset passes; privileged: true fails in every container class.', 'NSA/CISA: privileged は false（既定）。未設定は合格、true はどのコンテナー種別でも不合格。'),
    remediation: t('Remove securityContext.privileged or set it to false.', 'securityContext.privileged を削除するか false にする。'),
    references: { nsa: 'Pod security: privileged false (seed 000 #6)', pss: 'Privileged Containers (baseline)', azurePolicy: AZURE.privileged, kubescape: 'C-0057', links: [NSA_GUIDE] },
    changes: [UNPRIVILEGE],
  },
  check(_pod, containers) {
    return containers.flatMap((c) => {
      const f = containerField(c, 'privileged');
      if (f.value !== true) return [];
      return [{ path: f.path, container: c.name, message: t(`container ${JSON.stringify(c.name)} is privileged (securityContext.privileged=true)`, `コンテナー ${JSON.stringify(c.name)} は特権コンテナー（securityContext.privileged=true）`), ...remedy(UNPRIVILEGE, [{ op: 'set', path: f.path, value: false }]) }];
    });
  },
});
