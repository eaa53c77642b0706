// The pod-security.kubernetes.io/* labels of a namespace: which level and version enforce, audit and warn use.
import type { Effect } from '../../core/report.js';
import { obj, str, type Obj } from '../../k8s/values.js';
import type { PssLevel } from './levels.js';
import { LATEST_PSS_MINOR, parsePssVersion } from './versions.js';

export type PssModeName = 'enforce' | 'audit' | 'warn';
export const PSS_MODES: readonly PssModeName[] = ['enforce', 'audit', 'warn'];
export const PSS_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** One evaluation PSA makes of a pod: a level at a version, with the effect a violation has. */
export interface PssMode {
  /** null when the profile fixes the level (pss-baseline, pss-restricted) */
  mode: PssModeName | null;
  level: PssLevel;
  minor: number;
  /** the version as the label (or profile) says it: "latest" or "v1.N" */
  versionText: string;
  effect?: Effect;
}

// keyed by the default version too: one Namespace object can be judged under profiles pinned to different versions
const cache = new WeakMap<Obj, Map<number, PssMode[]>>();

/**
 * The modes a namespace's labels ask for, enforce first. As PSA does: an unset level is "privileged" (nothing
 * to check), an unset or unparsable version is latest (the default version), and an unparsable level is restricted.
 */
export function namespaceModes(ns: Obj | undefined, defaultMinor = LATEST_PSS_MINOR): PssMode[] {
  if (!ns) return [];
  let byMinor = cache.get(ns);
  if (!byMinor) cache.set(ns, (byMinor = new Map()));
  const hit = byMinor.get(defaultMinor);
  if (hit) return hit;
  const labels = obj(obj(ns.metadata)?.labels) ?? {};
  const out: PssMode[] = [];
  for (const mode of PSS_MODES) {
    const levelText = str(labels[`${PSS_LABEL_PREFIX}${mode}`]);
    if (levelText === undefined || levelText === 'privileged') continue;
    const level: PssLevel = levelText === 'baseline' ? 'baseline' : 'restricted';
    const versionLabel = str(labels[`${PSS_LABEL_PREFIX}${mode}-version`]);
    // PSA: a missing label, "latest" and a label that does not parse all mean LatestVersion(), which prints as
    // "latest"; the profile's version stands for the newest version the cluster knows
    let minor = defaultMinor;
    let versionText = 'latest';
    if (versionLabel !== undefined && versionLabel !== 'latest') {
      const parsed = versionLabel.startsWith('v') ? parsePssVersion(versionLabel) : undefined;
      if (parsed !== undefined) { minor = parsed; versionText = versionLabel; }
    }
    out.push({ mode, level, minor, versionText, effect: mode === 'enforce' ? 'Deny' : 'Audit' });
  }
  byMinor.set(defaultMinor, out);
  return out;
}
