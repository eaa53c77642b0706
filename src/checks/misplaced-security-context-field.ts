// A securityContext field written at the wrong level (container-only at pod level, pod-only in a container) has no effect.
import { z } from 'zod';
import { definePodCheck, remedy, t, type ChangeSpec, type FixOp, type Violation } from './types.js';
import { CONTAINER_ONLY_FIELDS, POD_ONLY_FIELDS, type ContainerView } from '../k8s/workload.js';
import { obj, strings } from '../k8s/values.js';
import type { Path } from '../core/path.js';
import { formatPath } from '../core/path.js';

const set = (v: unknown): boolean => v !== undefined && v !== null;

/** Values that only take privileges away: moving them where Kubernetes reads them is what the author meant. */
function restrictive(field: string, v: unknown): boolean {
  switch (field) {
    case 'readOnlyRootFilesystem': return v === true;
    case 'allowPrivilegeEscalation': return v === false;
    case 'privileged': return v === false;
    case 'procMount': return v === 'Default';
    case 'capabilities': return strings(obj(v)?.add).length === 0;
    default: return false;
  }
}

const IGNORED = 'the API server rejects it under strict field validation (kubectl\'s default from v1.27) and drops it silently otherwise, so it has no effect';
const IGNORED_JA = 'strict フィールド検証（kubectl v1.27 以降の既定）では API サーバーが拒否し、それ以外では黙って捨てられるため、効果がない';

const MOVE: ChangeSpec = {
  id: 'move-field',
  change: t('move the field to the level Kubernetes reads it', 'フィールドを Kubernetes が読む階層に移す'),
  risk: 'may-break',
  why: t(
    'The setting takes effect for the first time (a read-only root filesystem, dropped capabilities, an fsGroup that changes volume ownership, sysctls the node may refuse).',
    '設定が初めて有効になる（読み取り専用のルート ファイル システム、機能の削除、ボリュームの所有者を変える fsGroup、ノードが拒否しうる sysctls）。',
  ),
  needs: t('Check that the workload runs with the setting in effect.', '設定が有効な状態でワークロードが動くことを確認する。'),
};
const REMOVE: ChangeSpec = {
  id: 'remove-ignored-field',
  change: t('remove a field Kubernetes ignores where it is written', 'Kubernetes が無視する位置のフィールドを削除'),
  risk: 'safe',
  why: t('Kubernetes drops the field where it is written, so removing it changes nothing the workload sees.', 'Kubernetes はその位置のフィールドを捨てるので、削除してもワークロードから見えるものは変わらない。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'misplaced-security-context-field',
    title: t('securityContext fields must be at the level Kubernetes reads them', 'securityContext のフィールドを Kubernetes が読む階層に書く'),
    severity: 'medium',
    category: t('Manifest hygiene', 'マニフェストの衛生'),
    needsConfiguration: false,
    description: t(
      'readOnlyRootFilesystem, allowPrivilegeEscalation, privileged, capabilities and procMount exist only in a container\'s securityContext; fsGroup, fsGroupChangePolicy, supplementalGroups, supplementalGroupsPolicy, sysctls and seLinuxChangePolicy only in the pod\'s. Written at the other level they are not fields at all: rejected under strict validation, otherwise dropped, so the hardening the author meant is not in effect.',
      'readOnlyRootFilesystem・allowPrivilegeEscalation・privileged・capabilities・procMount はコンテナーの securityContext にだけ、fsGroup・fsGroupChangePolicy・supplementalGroups・supplementalGroupsPolicy・sysctls・seLinuxChangePolicy は Pod の securityContext にだけ存在する。別の階層に書くとフィールドとして扱われず（strict 検証では拒否、それ以外は破棄）、意図した強化が効いていない。',
    ),
    remediation: t(
      'Move container-only fields into each container\'s securityContext and pod-only fields into spec.securityContext.',
      'コンテナー専用のフィールドは各コンテナーの securityContext へ、Pod 専用のフィールドは spec.securityContext へ移す。',
    ),
    references: {
      pss: 'none (PSS does not see fields Kubernetes drops)',
      nsa: 'Pod security: securityContext settings at the level they apply to (seed 000 table, column "設定対象")',
      links: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context'],
    },
    defaultEffect: 'Audit',
    changes: [MOVE, REMOVE],
  },
  params: () => z.object({}),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: false,
  excludes: { containers: false, images: false },
  check({ pod }) {
    const out: Violation[] = [];
    const podSc = pod.podSc;
    const scPath: Path = [...pod.specPath, 'securityContext'];
    // ephemeral containers are added through their own subresource, so moves go to regular and init containers
    const targets = pod.containers.filter((c) => c.cls !== 'ephemeralContainers');
    if (podSc) {
      for (const field of CONTAINER_ONLY_FIELDS) {
        const v = podSc[field];
        if (!set(v)) continue;
        const path: Path = [...scPath, field];
        const names = targets.map((c) => c.name);
        const into = (c: ContainerView): Path => [...c.path, 'securityContext', field];
        const moves = restrictive(field, v) ? targets.filter((c) => !set(c.sc?.[field])).map((c): FixOp => ({ op: 'set', path: into(c), value: v })) : [];
        const fix: FixOp[] = [...moves, { op: 'remove', path }];
        const where = names.length ? `each container's securityContext (${names.map((n) => JSON.stringify(n)).join(', ')})` : "each container's securityContext";
        out.push({
          path,
          container: null,
          message: t(
            `${formatPath(path)} is ignored: ${field} exists only in a container's securityContext; ${IGNORED}. Move it to ${where}.${restrictive(field, v) ? '' : ' Its value would grant privileges, so the fix removes it instead of moving it.'}`,
            `${formatPath(path)} は無視される: ${field} はコンテナーの securityContext にだけ存在する。${IGNORED_JA}。各コンテナーの securityContext に移すこと。${restrictive(field, v) ? '' : 'この値は権限を与えるため、修正では移さずに削除する。'}`,
          ),
          ...remedy(moves.length > 0 ? MOVE : REMOVE, fix),
        });
      }
    }
    for (const c of pod.containers) {
      if (!c.sc) continue;
      for (const field of POD_ONLY_FIELDS) {
        const v = c.sc[field];
        if (!set(v)) continue;
        const path: Path = [...c.path, 'securityContext', field];
        const podPath: Path = [...scPath, field];
        const podHas = set(podSc?.[field]);
        // the first container to carry the field gives the pod its value; the others' copies go
        const firstCarrier = pod.containers.find((o) => set(o.sc?.[field])) === c;
        const move = !podHas && firstCarrier;
        const fix: FixOp[] = move ? [{ op: 'set', path: podPath, value: v }, { op: 'remove', path }] : [{ op: 'remove', path }];
        out.push({
          path,
          container: c.name,
          message: t(
            `${formatPath(path)} is ignored: ${field} exists only in the pod's securityContext; ${IGNORED}. Move it to ${formatPath(podPath)}${podHas ? ` (which already sets ${JSON.stringify(podSc?.[field])})` : ''}.`,
            `${formatPath(path)} は無視される: ${field} は Pod の securityContext にだけ存在する。${IGNORED_JA}。${formatPath(podPath)} に移すこと${podHas ? `（すでに ${JSON.stringify(podSc?.[field])} が設定されている）` : ''}。`,
          ),
          ...remedy(move ? MOVE : REMOVE, fix),
        });
      }
    }
    return out;
  },
});
