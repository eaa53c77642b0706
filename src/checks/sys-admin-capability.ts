// #14 Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities (Azure K8sAzureV3DisallowedCapabilities with ["SYS_ADMIN"]).
import { z } from 'zod';
import { definePodCheck, offered, t, type ChangeSpec, type FixOp } from './types.js';
import { containerExclusions } from './params.js';
import { containerField } from '../k8s/workload.js';
import { arr, obj } from '../k8s/values.js';
import type { Path } from '../core/path.js';
import { AZURE } from './pss/crosswalk.js';

/** Rego's %v of a list of strings. */
const regoList = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

const DROP_SYS_ADMIN: ChangeSpec = {
  id: 'remove-sys-admin',
  change: t('remove SYS_ADMIN from securityContext.capabilities.add', 'securityContext.capabilities.add から SYS_ADMIN を削除'),
  risk: 'may-break',
  why: t('The container loses CAP_SYS_ADMIN: mounts, namespaces and device setup it does today fail.', 'コンテナーは CAP_SYS_ADMIN を失う。今行っているマウント・名前空間・デバイスの設定は失敗する。'),
  needs: t('Check that the workload does not mount or administer the host.', 'ワークロードがマウントやホスト管理をしないことを確認する。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'sys-admin-capability',
    title: t('Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities', 'Kubernetes クラスターでは CAPSYSADMIN セキュリティ機能を許可しない'),
    severity: 'high',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: false,
    description: t(
      'CAP_SYS_ADMIN is the most privileged Linux capability (mounts, namespaces, many kernel interfaces) and should always be avoided. Like Azure, mamori matches capabilities.add entries exactly and case-sensitively against disallowedCapabilities: "sys_admin", "CAP_SYS_ADMIN", "ALL" and privileged: true are not flagged here (see disallowed-capabilities and privileged-container).',
      'CAP_SYS_ADMIN は最も特権の強い Linux 機能（マウント、名前空間、多くのカーネル インターフェイス）で、常に回避する必要があります。Azure と同様に、capabilities.add の各エントリを disallowedCapabilities と大文字と小文字を区別して完全一致で比較します。"sys_admin"、"CAP_SYS_ADMIN"、"ALL"、privileged: true はここでは検出しません（disallowed-capabilities と privileged-container を参照）。',
    ),
    remediation: t(
      'Remove SYS_ADMIN from securityContext.capabilities.add; grant the narrower capability the workload needs instead.',
      'securityContext.capabilities.add から SYS_ADMIN を削除し、ワークロードに必要な、より限定された機能を付与する。',
    ),
    references: {
      azurePolicy: AZURE.sysAdmin,
      defenderKey: 'aba14f78-27c5-af84-848e-9105d18dfd92',
      pss: 'Capabilities (baseline)',
      nsa: 'Pod security: drop unneeded Linux capabilities',
      kubescape: 'C-0046',
    },
    changes: [DROP_SYS_ADMIN],
  },
  params: () => z.object({
    disallowedCapabilities: z.array(z.string()).default(['SYS_ADMIN'])
      .describe('Capabilities no container may add (exact, case-sensitive; "*" makes every container non-compliant). Defender assigns ["SYS_ADMIN"].'),
    ...containerExclusions(),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ containers }, params) {
    const disallowed = params.disallowedCapabilities;
    const all = disallowed.includes('*');
    return containers.flatMap((c) => {
      const caps = containerField(c, 'capabilities');
      const addPath: Path = [...caps.path, 'add'];
      const add = arr(obj(caps.value)?.add);
      const hits = add.flatMap((cap, i) => (typeof cap === 'string' && disallowed.includes(cap) ? [i] : []));
      if (!all && hits.length === 0) return [];
      // Removing a capability the process uses breaks it: offered, not applied. Highest index first keeps the others valid.
      const ops: FixOp[] = [...hits].reverse().map((i) => ({ op: 'remove', path: [...addPath, i] }));
      return [{
        path: hits.length > 0 ? [...addPath, hits[0]!] : addPath,
        container: c.name,
        message: t(
          `container ${c.name} has a disallowed capability. Disallowed capabilities are ${regoList(disallowed)}`,
          `コンテナー ${c.name} に許可されていない機能があります。許可されていない機能: ${regoList(disallowed)}`,
        ),
        ...(ops.length > 0 ? {
          change: offered(DROP_SYS_ADMIN),
          suggestion: { ops, text: t(`Remove ${hits.map((i) => String(add[i])).join(', ')} from capabilities.add.`, `capabilities.add から ${hits.map((i) => String(add[i])).join(', ')} を削除する。`) },
        } : {}),
      }];
    });
  },
});
