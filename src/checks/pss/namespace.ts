// The pod-security.kubernetes.io/* labels of a namespace: which level and version enforce, audit and warn use.
import type { Effect } from '../../model/types.js';
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

const cache = new WeakMap<Obj, PssMode[]>();

/**
 * The modes a namespace's labels ask for, enforce first. As PSA does: an unset level is "privileged" (nothing
 * to check), an unset version is the default, and a label that does not parse means restricted / latest.
 */
export function namespaceModes(ns: Obj | undefined, defaultMinor = LATEST_PSS_MINOR): PssMode[] {
  if (!ns) return [];
  const hit = cache.get(ns);
  if (hit) return hit;
  const labels = obj(obj(ns.metadata)?.labels) ?? {};
  const out: PssMode[] = [];
  for (const mode of PSS_MODES) {
    const levelText = str(labels[`${PSS_LABEL_PREFIX}${mode}`]);
    if (levelText === undefined || levelText === 'privileged') continue;
    const level: PssLevel = levelText === 'baseline' ? 'baseline' : 'restricted';
    const versionLabel = str(labels[`${PSS_LABEL_PREFIX}${mode}-version`]);
    let minor = defaultMinor;
    let versionText = defaultMinor === LATEST_PSS_MINOR ? 'latest' : `v1.${defaultMinor}`;
    if (versionLabel !== undefined) {
      const parsed = versionLabel === 'latest' ? LATEST_PSS_MINOR : parsePssVersion(versionLabel.startsWith('v') ? versionLabel : '!');
      minor = parsed ?? LATEST_PSS_MINOR;
      versionText = parsed === undefined || versionLabel === 'latest' ? 'latest' : versionLabel;
    }
    out.push({ mode, level, minor, versionText, effect: mode === 'enforce' ? 'Deny' : 'Audit' });
  }
  cache.set(ns, out);
  return out;
}
