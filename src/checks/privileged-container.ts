// #15 Privileged containers should be avoided (Azure K8sAzureV2NoPrivilege).
import { z } from 'zod';
import { UNPRIVILEGE } from './changes.js';
import { definePodCheck, remedy, t } from './types.js';
import { containerExclusions } from './params.js';
import { containerField } from '../k8s/workload.js';
import { isSet } from '../k8s/values.js';
import { rego } from './rego.js';
import { AZURE } from './pss/crosswalk.js';

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'privileged-container',
    title: t('Privileged containers should be avoided', '特権コンテナーの使用を避ける'),
    severity: 'medium',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: false,
    description: t(
      'A privileged container has all the root capabilities of the host machine and can be used to spread to the host, the network and other workloads.',
      '特権コンテナーにはホスト マシンのすべてのルート機能が含まれ、侵害時にホストやネットワークへの攻撃の入口になります。',
    ),
    remediation: t('Set securityContext.privileged: false (or remove it) on the container.', 'コンテナーの securityContext.privileged を false にする（または削除する）。'),
    references: {
      azurePolicy: AZURE.privileged,
      defenderKey: '5d90913f-a1c5-4429-ad54-2c6c17fb3c73',
      pss: 'Privileged Containers (baseline)',
      nsa: 'Pod security: privileged: false',
      kubescape: 'C-0057',
    },
    changes: [UNPRIVILEGE],
  },
  params: () => z.object(containerExclusions()),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ containers }) {
    return containers.flatMap((c) => {
      const p = containerField(c, 'privileged');
      if (!isSet(p.value)) return [];
      return [{
        path: p.path,
        container: c.name,
        message: t(
          `Privileged container is not allowed: ${c.name}, securityContext: ${rego(c.sc)}`,
          `特権コンテナーは許可されていません: ${c.name}、securityContext: ${rego(c.sc)}`,
        ),
        ...remedy(UNPRIVILEGE, [{ op: 'set', path: p.path, value: false }]),
      }];
    });
  },
});
