// NSA/CISA: protect pod service account tokens (automountServiceAccountToken: false, on the pod or its ServiceAccount).
import { remedy, t } from './types.js';
import { DISABLE_TOKEN } from './changes.js';
import { defineNsaCheck, NSA_GUIDE } from './pss/nsa-common.js';
import { AZURE } from './pss/crosswalk.js';
import { str } from '../k8s/values.js';

export default defineNsaCheck({
  meta: {
    id: 'nsa-service-account-token',
    title: t('Service account tokens must not be mounted automatically', 'サービス アカウント トークンを自動マウントしない'),
    severity: 'medium',
    description: t('NSA/CISA: set automountServiceAccountToken: false where the application does not call the API. Passes when the pod sets false, or leaves it unset and its ServiceAccount (in the input) sets false; the pod value wins over the ServiceAccount\'s.', 'NSA/CISA: API を呼ばないアプリでは automountServiceAccountToken: false にする。Pod が false なら、または Pod が未設定で入力中の ServiceAccount が false なら合格（Pod の値が ServiceAccount より優先）。'),
    remediation: t('Set spec.automountServiceAccountToken: false (or on the ServiceAccount).', 'spec.automountServiceAccountToken: false を設定する（または ServiceAccount に）。'),
    references: { nsa: 'Protect Pod service account tokens (automountServiceAccountToken: false)', azurePolicy: AZURE.automountToken, kubescape: 'C-0034', links: [NSA_GUIDE] },
    changes: [DISABLE_TOKEN],
  },
  skipWindows: false,
  check(pod, _containers, { inventory }) {
    const v = pod.spec.automountServiceAccountToken;
    if (v === false) return [];
    const path = [...pod.specPath, 'automountServiceAccountToken'];
    const saName = str(pod.spec.serviceAccountName) ?? str(pod.spec.serviceAccount) ?? 'default';
    if (v === true) return [{ path, container: null, message: t('the pod sets automountServiceAccountToken: true', 'Pod は automountServiceAccountToken: true を設定している') }];
    const sa = inventory.serviceAccount(pod.namespace, saName);
    if (sa?.automountServiceAccountToken === false) return [];
    const why = sa
      ? t(`the pod leaves automountServiceAccountToken unset and its ServiceAccount ${pod.namespace}/${saName} does not set it to false`, `Pod は automountServiceAccountToken を設定せず、ServiceAccount ${pod.namespace}/${saName} も false にしていない`)
      : t(`the pod leaves automountServiceAccountToken unset (its ServiceAccount ${pod.namespace}/${saName} is not in the input), so the token is mounted`, `Pod は automountServiceAccountToken を設定していない（ServiceAccount ${pod.namespace}/${saName} は入力にない）ため、トークンがマウントされる`);
    return [{ path, container: null, message: why, ...remedy(DISABLE_TOKEN, [{ op: 'set', path, value: false }]) }];
  },
});
