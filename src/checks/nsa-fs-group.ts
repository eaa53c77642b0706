// NSA/CISA (seed 000 #5): spec.securityContext.fsGroup is set to a non-root GID.
import { t } from './types.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { podField } from '../k8s/workload.js';
import { AZURE } from './pss/crosswalk.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-fs-group',
    title: t('fsGroup must be set to a non-root GID', 'fsGroup を root 以外の GID に設定する'),
    severity: 'low',
    description: t('NSA/CISA: fsGroup (a pod-level field) gives volumes a non-root group; it must be set and not 0.', 'NSA/CISA: fsGroup（Pod レベルのフィールド）はボリュームに非 root のグループを与える。0 以外で設定すること。'),
    remediation: t('Set spec.securityContext.fsGroup, e.g. 2000.', 'spec.securityContext.fsGroup を設定する（例: 2000）。'),
    references: { nsa: 'Non-root containers: fsGroup set (seed 000 #5)', azurePolicy: AZURE.usersGroups, links: [NSA_GUIDE] },
  },
  check(pod) {
    const f = podField(pod, 'fsGroup');
    if (f.value === undefined) return [{ path: f.path, container: null, message: t('the pod does not set spec.securityContext.fsGroup', 'Pod は spec.securityContext.fsGroup を設定していない') }];
    if (f.value === 0) return [{ path: f.path, container: null, message: t('spec.securityContext.fsGroup is 0 (the root group)', 'spec.securityContext.fsGroup が 0（root グループ）') }];
    return [];
  },
});
