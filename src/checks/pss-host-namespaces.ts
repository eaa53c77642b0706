// PSS baseline "Host Namespaces" (PSA check hostNamespaces, v1.0).
import { remedy, t, type FixOp } from './types.js';
import { LEAVE_HOST } from './changes.js';
import { definePssCheck } from './pss/define.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default definePssCheck({
  psa: 'hostNamespaces',
  id: 'pss-host-namespaces',
  title: t('Sharing the host namespaces is disallowed (PSS baseline)', 'ホストの名前空間の共有を許可しない (PSS baseline)'),
  severity: 'high',
  description: t('spec.hostNetwork, spec.hostPID and spec.hostIPC must be false or unset.', 'spec.hostNetwork・spec.hostPID・spec.hostIPC は false か未設定でなければならない。'),
  remediation: t('Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).', 'Pod spec から hostNetwork・hostPID・hostIPC を削除する（または false にする）。'),
  references: { pss: 'Host Namespaces (baseline)', nsa: 'Pod security: no hostPID / hostIPC / hostNetwork (seed 000, host namespaces #1-#3)', azurePolicy: AZURE.hostNamespace, kubescape: 'C-0038, C-0041', links: [PSS_DOCS] },
  changes: [LEAVE_HOST],
  evaluate(pod) {
    const bad = FIELDS.filter((f) => pod.spec[f] === true);
    if (bad.length === 0) return undefined;
    return {
      reason: 'host namespaces',
      detail: bad.map((f) => `${f}=true`).join(', '),
      path: [...pod.specPath, bad[0]!],
      container: null,
      ...remedy(LEAVE_HOST, bad.map((f): FixOp => ({ op: 'remove', path: [...pod.specPath, f] })), undefined, t('Remove the host namespace settings.', 'ホスト名前空間の設定を削除する。')),
    };
  },
});
