// #8 Container with privilege escalation should be avoided (Azure K8sAzureV3NoPrivilegeEscalation, the version Defender pins).
import { z } from 'zod';
import { definePodCheck, remedy, t } from './types.js';
import { NO_ESCALATION } from './changes.js';
import { containerExclusions } from './params.js';
import { containerField, effective } from '../k8s/workload.js';
import { AZURE } from './pss/crosswalk.js';

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'privilege-escalation-allowed',
    title: t('Container with privilege escalation should be avoided', '特権エスカレーションを含むコンテナーは避ける必要がある'),
    severity: 'medium',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: false,
    description: t(
      'A process in a container that may gain more privileges than its parent (setuid binaries, file capabilities) can turn a foothold into root inside the container. Defender flags a container that allows it explicitly, or that runs as a non-zero user without setting allowPrivilegeEscalation: false.',
      'コンテナー内のプロセスが親プロセスより多くの特権を得られると（setuid バイナリやファイルに付与された Linux 機能）、侵入の足がかりがコンテナー内の root 権限に変わります。Defender は、特権エスカレーションを明示的に許可するコンテナーと、allowPrivilegeEscalation: false を設定せずに 0 以外のユーザーで実行するコンテナーを検出します。',
    ),
    remediation: t(
      'Set securityContext.allowPrivilegeEscalation: false on the container.',
      'コンテナーの securityContext.allowPrivilegeEscalation を false にする。',
    ),
    references: {
      azurePolicy: AZURE.privilegeEscalation,
      defenderKey: '43dc2a2e-ce69-4d42-923e-ab7d136f2cfe',
      pss: 'Privilege Escalation (restricted)',
      nsa: 'Pod security: allowPrivilegeEscalation: false',
      kubescape: 'C-0016',
    },
    changes: [NO_ESCALATION],
  },
  params: () => z.object(containerExclusions()),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ pod, containers }) {
    return containers.flatMap((c) => {
      const ape = containerField(c, 'allowPrivilegeEscalation');
      // v3 ignores runAsNonRoot and privileged: only an explicit true, or a non-zero user
      // (container value first, else the pod's) without an explicit false, counts.
      const explicitTrue = ape.value === true;
      const explicitFalse = ape.value === false;
      const user = effective(pod, c, 'runAsUser');
      const nonZeroUser = user.value !== undefined && user.value !== 0;
      if (!explicitTrue && (explicitFalse || !nonZeroUser)) return [];
      return [{
        path: ape.path,
        container: c.name,
        message: t(
          `Privilege escalation container is not allowed: ${c.name}`,
          `特権エスカレーションが可能なコンテナーは許可されていません: ${c.name}`,
        ),
        ...remedy(NO_ESCALATION, [{ op: 'set', path: ape.path, value: false }]),
      }];
    });
  },
});
