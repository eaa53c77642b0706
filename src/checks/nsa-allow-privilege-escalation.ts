// NSA/CISA (seed 000 #7): allowPrivilegeEscalation is explicitly false in every container.
import { remedy, t } from './types.js';
import { NO_ESCALATION } from './changes.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';
import { containerField } from '../k8s/workload.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-allow-privilege-escalation',
    title: t('allowPrivilegeEscalation must be false', 'allowPrivilegeEscalation を false にする'),
    severity: 'medium',
    description: t('NSA/CISA: allowPrivilegeEscalation false, a container-only field whose default is true: it must be written as false in every container (a pod-level value has no effect).', 'NSA/CISA: allowPrivilegeEscalation は false。既定が true のコンテナー専用フィールドなので、各コンテナーに false と書くこと（Pod レベルの値は効果がない）。'),
    remediation: t('Set securityContext.allowPrivilegeEscalation: false on every container.', 'すべてのコンテナーで securityContext.allowPrivilegeEscalation: false を設定する。'),
    references: { nsa: 'Pod security: allowPrivilegeEscalation false (seed 000 #7)', pss: 'Privilege Escalation (restricted)', azurePolicy: AZURE.privilegeEscalation, kubescape: 'C-0016', links: [NSA_GUIDE] },
    changes: [NO_ESCALATION],
  },
  check(_pod, containers) {
    return containers.flatMap((c) => {
      const f = containerField(c, 'allowPrivilegeEscalation');
      if (f.value === false) return [];
      return [{
        path: f.path,
        container: c.name,
        message: f.value === undefined
          ? t(`container ${JSON.stringify(c.name)} does not set securityContext.allowPrivilegeEscalation=false (unset means allowed)`, `コンテナー ${JSON.stringify(c.name)} は securityContext.allowPrivilegeEscalation=false を設定していない（未設定は許可）`)
          : t(`container ${JSON.stringify(c.name)} sets securityContext.allowPrivilegeEscalation=${JSON.stringify(f.value)}`, `コンテナー ${JSON.stringify(c.name)} は securityContext.allowPrivilegeEscalation=${JSON.stringify(f.value)}`),
        ...remedy(NO_ESCALATION, [{ op: 'set', path: f.path, value: false }]),
      }];
    });
  },
});
