// NSA/CISA (seed 000 #4): spec.securityContext.supplementalGroups is set, without the root group.
import { t } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { podField } from '../k8s/workload.js';
import { arr } from '../k8s/values.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-supplemental-groups',
    title: t('supplementalGroups must be set, without GID 0', 'supplementalGroups を設定する（GID 0 を含めない）'),
    severity: 'low',
    description: t('NSA/CISA: supplementalGroups (a pod-level field) must be set and non-zero, so the process groups are chosen at deploy time.', 'NSA/CISA: supplementalGroups（Pod レベルのフィールド）を 0 以外で設定し、プロセスのグループをデプロイ時に決める。'),
    remediation: t('Set spec.securityContext.supplementalGroups, e.g. [3000].', 'spec.securityContext.supplementalGroups を設定する（例: [3000]）。'),
    references: { nsa: 'Non-root containers: supplementalGroups set (seed 000 #4)', links: [NSA_GUIDE] },
  },
  check(pod) {
    const f = podField(pod, 'supplementalGroups');
    const list = arr(f.value);
    if (list.length === 0) return [{ path: f.path, container: null, message: t('the pod does not set spec.securityContext.supplementalGroups', 'Pod は spec.securityContext.supplementalGroups を設定していない') }];
    const i = list.indexOf(0);
    if (i >= 0) return [{ path: [...f.path, i], container: null, message: t('spec.securityContext.supplementalGroups includes 0 (the root group)', 'spec.securityContext.supplementalGroups に 0（root グループ）が含まれる') }];
    return [];
  },
});
