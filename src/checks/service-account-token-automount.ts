// #12 Kubernetes clusters should disable automounting API credentials (Azure K8sAzureV2BlockAutomountToken), with the token injection a live cluster adds.
import { z } from 'zod';
import { definePodCheck, remedy, t, type Violation } from './types.js';
import { DISABLE_TOKEN } from './changes.js';
import { excludedImages } from './params.js';
import { arr, isObj, isSet, obj, str } from '../k8s/values.js';
import type { Path } from '../core/path.js';
import { AZURE } from './pss/crosswalk.js';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'service-account-token-automount',
    title: t('Kubernetes clusters should disable automounting API credentials', 'Kubernetes クラスターで API 資格情報の自動マウントを無効にする必要がある'),
    severity: 'high',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: false,
    description: t(
      'A pod that gets its service account token mounted can call the Kubernetes API with that account\'s rights once compromised. In a cluster the token is mounted unless the pod, or its ServiceAccount, sets automountServiceAccountToken: false; mamori judges a manifest the same way, consulting the ServiceAccount when it is part of the same input.',
      'サービス アカウント トークンがマウントされたポッドは、侵害されるとそのアカウントの権限で Kubernetes API を呼び出せます。クラスターでは、ポッドまたはその ServiceAccount が automountServiceAccountToken: false を設定しない限りトークンがマウントされます。mamori はマニフェストも同じように判定し、同じ入力に含まれる ServiceAccount を参照します。',
    ),
    remediation: t(
      'Set spec.automountServiceAccountToken: false on the pod; a pod that needs the API should mount a projected token explicitly.',
      'ポッドの spec.automountServiceAccountToken を false にする。API を使うポッドは projected トークンを明示的にマウントする。',
    ),
    references: {
      azurePolicy: AZURE.automountToken,
      defenderKey: '32060ac3-f17f-4848-db8e-e7cf2c9a53eb',
      nsa: 'Authentication and authorization: disable automounting of service account tokens',
      kubescape: 'C-0034',
    },
    changes: [DISABLE_TOKEN],
  },
  params: () => z.object({ excludedImages: excludedImages() }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: false,
  // v2 has no excludedContainers; a pod whose every image is excluded passes.
  excludes: { containers: false, images: true },
  requiresIncludedContainer: true,
  check({ pod, inventory }) {
    const field: Path = [...pod.specPath, 'automountServiceAccountToken'];
    const value = pod.spec.automountServiceAccountToken;
    if (value === false) return [];
    const violation: Violation[] = [{
      path: field,
      container: null,
      message: t(
        `Automounting service account token is disallowed, pod: ${pod.name}`,
        `サービス アカウント トークンの自動マウントは許可されていません。ポッド: ${pod.name}`,
      ),
      ...remedy(DISABLE_TOKEN, [{ op: 'set', path: field, value: false }]),
    }];
    if (isSet(value)) return violation;
    // The template itself: an explicit mount of the token path in any container, excluded or not.
    const mountsToken = pod.containers.some((c) => arr(c.spec.volumeMounts)
      .some((m) => isObj(m) && m.mountPath === TOKEN_MOUNT_PATH));
    if (mountsToken) return violation;
    // What the cluster adds: the token is injected unless the ServiceAccount opts out.
    // The API server copies the deprecated spec.serviceAccount when serviceAccountName is empty.
    const saName = str(pod.spec.serviceAccountName) || str(pod.spec.serviceAccount) || 'default';
    const sa = inventory.serviceAccount(pod.namespace, saName);
    if (sa && obj(sa)?.automountServiceAccountToken === false) return [];
    return violation;
  },
});
