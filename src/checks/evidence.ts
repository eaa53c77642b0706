// What a manifest shows that makes a change safe to apply by default: each reader returns the proof, or undefined.
import { t } from './types.js';
import type { Text } from '../core/report.js';
import { effective, type ContainerView, type PodView } from '../k8s/workload.js';

/** runAsNonRoot: true: every container's effective runAsUser is set and non-zero, so the image's user does not matter. */
export function nonRootProof(pod: PodView, cs: readonly ContainerView[]): Text | undefined {
  if (cs.length === 0) return undefined;
  const uids = cs.map((c) => effective(pod, c, 'runAsUser').value);
  if (!uids.every((u) => typeof u === 'number' && Number.isInteger(u) && u > 0)) return undefined;
  const shown = [...new Set(uids)].join(', ');
  return t(`every container runs as a non-zero runAsUser (${shown})`, `すべてのコンテナーが 0 以外の runAsUser（${shown}）で動く`);
}
