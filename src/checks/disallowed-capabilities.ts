// #3 Least privileged Linux capabilities should be enforced for containers (Azure K8sAzureV3AllowedCapabilities).
import { z } from 'zod';
import { definePodCheck, remedy, t, type ChangeSpec, type Violation } from './types.js';
import { containerExclusions } from './params.js';
import { containerField } from '../k8s/workload.js';
import { obj, strings } from '../k8s/values.js';
import { AZURE } from './pss/crosswalk.js';

/** Rego's %v of a list of strings: ["A", "B"]. */
function list(xs: readonly string[]): string {
  return `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
}

const STOP_ADDING: ChangeSpec = {
  id: 'stop-adding-capabilities',
  change: t('remove disallowed capabilities from securityContext.capabilities.add', 'securityContext.capabilities.add から許可されていない機能を削除'),
  risk: 'may-break',
  why: t('The container loses a capability it has today; a program that uses it fails.', 'コンテナーは現在持つ機能を失う。それを使うプログラムは失敗する。'),
  needs: t('Check first that the workload does not rely on it.', 'ワークロードがその機能に依存していないことを先に確認する。'),
};
const DROP_REQUIRED: ChangeSpec = {
  id: 'drop-required-capabilities',
  change: t('add the required capabilities to securityContext.capabilities.drop', '必要な機能を securityContext.capabilities.drop に追加'),
  risk: 'may-break',
  why: t(
    'The container loses default capabilities it has today (CHOWN, NET_BIND_SERVICE, SETUID, …); a program that uses one fails at start-up or later.',
    'コンテナーは現在の既定の機能（CHOWN・NET_BIND_SERVICE・SETUID など）を失う。それを使うプログラムは起動時などに失敗する。',
  ),
  needs: t('Check that the program needs none of the dropped capabilities.', 'プログラムが削除する機能をどれも必要としないことを確認する。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'disallowed-capabilities',
    title: t('Least privileged Linux capabilities should be enforced for containers', 'コンテナーで最小限の特権を持つ Linux 機能を適用する必要がある'),
    severity: 'medium',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: true,
    description: t(
      'To reduce a container\'s attack surface, grant specific Linux capabilities instead of all of root\'s privileges. A container may add only capabilities in allowedCapabilities ("*" allows any), and must drop every capability in requiredDropCapabilities (dropping "ALL" satisfies any list). Names compare case-insensitively but literally: CAP_NET_ADMIN is not NET_ADMIN. With the defaults (both lists empty) any added capability is a finding.',
      'コンテナーの攻撃面を減らすため、ルート ユーザーの全特権ではなく必要な Linux 機能だけを付与します。コンテナーが追加（add）できるのは allowedCapabilities にある機能のみ（"*" はすべて許可）で、requiredDropCapabilities にある機能はすべて削除（drop）する必要があります（"ALL" の削除はどのリストも満たします）。名前の比較は大文字小文字を区別しませんが文字どおりで、CAP_NET_ADMIN と NET_ADMIN は別物です。既定（両リストとも空）では、機能を 1 つでも追加すると検出されます。',
    ),
    remediation: t(
      'Remove from securityContext.capabilities.add the capabilities the workload does not need (or allow them explicitly in allowedCapabilities), and list in capabilities.drop every capability requiredDropCapabilities names, ideally with capabilities.drop: ["ALL"].',
      'securityContext.capabilities.add から、ワークロードに不要な Linux 機能を外す（使い続ける機能は allowedCapabilities で明示的に許可する）。requiredDropCapabilities に挙げられた機能はすべて capabilities.drop に書き、できれば capabilities.drop: ["ALL"] とする。',
    ),
    references: {
      azurePolicy: AZURE.allowedCapabilities,
      defenderKey: '11c95609-3553-430d-b788-fd41cde8b2db',
      pss: 'Capabilities (baseline: add only the default set; restricted: drop ALL, add at most NET_BIND_SERVICE)',
      nsa: 'Pod security: drop unneeded Linux capabilities',
      kubescape: 'C-0046',
    },
    changes: [STOP_ADDING, DROP_REQUIRED],
  },
  params: () => z.object({
    allowedCapabilities: z.array(z.string()).default([])
      .describe('Capabilities a container may add (case-insensitive, no CAP_ prefix normalisation). "*" allows any. Empty: adding any capability is a finding.'),
    requiredDropCapabilities: z.array(z.string()).default([])
      .describe('Capabilities every container must drop (case-insensitive); dropping "ALL" satisfies the list. Empty: nothing required.'),
    ...containerExclusions(),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ containers }, params) {
    const allowed = new Set(params.allowedCapabilities.map((s) => s.toLowerCase()));
    const requiredDrop = params.requiredDropCapabilities.map((s) => s.toLowerCase());
    return containers.flatMap((c) => {
      const caps = containerField(c, 'capabilities');
      const capsObj = obj(caps.value);
      const add = strings(capsObj?.add);
      const drop = strings(capsObj?.drop);
      const out: Violation[] = [];
      if (!allowed.has('*')) {
        const bad = add.map((a, i) => ({ a, i })).filter(({ a }) => !allowed.has(a.toLowerCase()));
        if (bad.length > 0) {
          const addPath = [...caps.path, 'add'];
          const kept = add.filter((a) => allowed.has(a.toLowerCase()));
          out.push({
            path: [...addPath, bad[0]!.i],
            container: c.name,
            message: t(
              `container ${c.name} has a disallowed capability. Allowed capabilities are ${list(params.allowedCapabilities)}`,
              `コンテナー ${c.name} に許可されていない機能があります。許可されている機能: ${list(params.allowedCapabilities)}`,
            ),
            ...remedy(
              STOP_ADDING,
              [kept.length > 0 ? { op: 'set', path: addPath, value: kept } : { op: 'remove', path: addPath }],
              undefined,
              t(`Stop adding ${bad.map((b) => b.a).join(', ')}.`, `${bad.map((b) => b.a).join('、')} の追加をやめる。`),
            ),
          });
        }
      }
      const dropSet = new Set(drop.map((d) => d.toLowerCase()));
      if (requiredDrop.length > 0 && !dropSet.has('all') && requiredDrop.some((r) => !dropSet.has(r))) {
        const dropPath = [...caps.path, 'drop'];
        out.push({
          path: dropPath,
          container: c.name,
          message: t(
            `container ${c.name} is not dropping all required capabilities. Container must drop all of ${list(params.requiredDropCapabilities)} or "ALL"`,
            `コンテナー ${c.name} は必要な機能をすべて削除していません。${list(params.requiredDropCapabilities)} のすべて、または "ALL" を削除する必要があります`,
          ),
          // the smallest change that satisfies the policy: drop just what the user's own list requires
          // (dropping "ALL" would also remove default capabilities some images need at start-up)
          ...remedy(DROP_REQUIRED, [{ op: 'set', path: dropPath, value: [...drop, ...params.requiredDropCapabilities.filter((r) => !dropSet.has(r.toLowerCase()))] }]),
        });
      }
      return out;
    });
  },
});
