// What a manifest shows that makes a change safe to apply by default: each reader returns the proof, or undefined.
import { t, type Inventory } from './types.js';
import type { Text } from '../core/report.js';
import { effective, type ContainerView, type PodView } from '../k8s/workload.js';
import { obj, str, strings } from '../k8s/values.js';

/** Why allowPrivilegeEscalation: false would be refused or change nothing for this container, if it would. */
function escalationNeeded(c: ContainerView): string | undefined {
  if (c.sc?.privileged === true) return 'privileged';
  const add = strings(obj(c.sc?.capabilities)?.add).map((x) => x.toUpperCase());
  if (add.includes('SYS_ADMIN') || add.includes('CAP_SYS_ADMIN')) return 'adds CAP_SYS_ADMIN';
  return undefined;
}

const names = (cs: readonly ContainerView[]): string => cs.map((c) => JSON.stringify(c.name)).join(', ');

/** allowPrivilegeEscalation: false for these containers: none privileged or with CAP_SYS_ADMIN, none asking for true. */
export function noEscalationProof(cs: readonly ContainerView[]): Text | undefined {
  if (cs.length === 0) return undefined;
  if (cs.some((c) => escalationNeeded(c) !== undefined || c.sc?.allowPrivilegeEscalation === true)) return undefined;
  return t(
    `container(s) ${names(cs)}: not privileged, no CAP_SYS_ADMIN, allowPrivilegeEscalation not set to true`,
    `コンテナー ${names(cs)}: 特権なし・CAP_SYS_ADMIN なし・allowPrivilegeEscalation: true の指定なし`,
  );
}

/** seccompProfile RuntimeDefault for the pod: no container privileged or with CAP_SYS_ADMIN. */
export function runtimeDefaultProof(pod: PodView): Text | undefined {
  if (pod.containers.some((c) => escalationNeeded(c) !== undefined)) return undefined;
  return t(
    `no container of the pod is privileged or adds CAP_SYS_ADMIN (${names(pod.containers)})`,
    `Pod のどのコンテナーも特権でなく CAP_SYS_ADMIN を追加していない（${names(pod.containers)}）`,
  );
}

/** runAsNonRoot: true: every container's effective runAsUser is set and non-zero, so the image's user does not matter. */
export function nonRootProof(pod: PodView, cs: readonly ContainerView[]): Text | undefined {
  if (cs.length === 0) return undefined;
  const uids = cs.map((c) => effective(pod, c, 'runAsUser').value);
  if (!uids.every((u) => typeof u === 'number' && Number.isInteger(u) && u > 0)) return undefined;
  const shown = [...new Set(uids)].join(', ');
  return t(`every container runs as a non-zero runAsUser (${shown})`, `すべてのコンテナーが 0 以外の runAsUser（${shown}）で動く`);
}

/**
 * automountServiceAccountToken: false: the pod does not ask for the token, uses its namespace's `default`
 * ServiceAccount, and nothing in the input grants that account a Role (so the token opens nothing the pod uses).
 */
export function noTokenNeededProof(pod: PodView, inventory: Inventory): Text | undefined {
  if (pod.spec.automountServiceAccountToken === true) return undefined;
  const sa = str(pod.spec.serviceAccountName) || str(pod.spec.serviceAccount) || 'default';
  if (sa !== 'default') return undefined;
  if (inventory.bindingsOf(pod.namespace, sa).length > 0) return undefined;
  return t(
    `the pod uses the default ServiceAccount of namespace ${pod.namespace} and nothing in the input binds a Role to it`,
    `Pod は名前空間 ${pod.namespace} の default ServiceAccount を使い、入力中にそれへ Role を割り当てるものがない`,
  );
}
