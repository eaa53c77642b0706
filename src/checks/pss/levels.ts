// Which PSA check runs at which level and version: the registry of pod-security-admission, as data.

export type PssLevel = 'baseline' | 'restricted';

/** PSA's own check ids. */
export type PsaCheckId =
  | 'appArmorProfile' | 'capabilities_baseline' | 'hostNamespaces' | 'hostPathVolumes' | 'hostPorts'
  | 'hostProbesAndHostLifecycle' | 'privileged' | 'procMount' | 'seLinuxOptions' | 'seccompProfile_baseline'
  | 'sysctls' | 'windowsHostProcess'
  | 'allowPrivilegeEscalation' | 'capabilities_restricted' | 'procMount_restricted' | 'restrictedVolumes'
  | 'runAsNonRoot' | 'runAsUser' | 'seccompProfile_restricted';

interface PsaCheckInfo {
  level: PssLevel;
  /** first policy minor version (1.<since>) at which the check exists */
  since: number;
  /** the baseline check this restricted check replaces in restricted, from `since` on */
  overrides?: PsaCheckId;
}

export const PSA_CHECKS: Record<PsaCheckId, PsaCheckInfo> = {
  appArmorProfile: { level: 'baseline', since: 0 },
  capabilities_baseline: { level: 'baseline', since: 0 },
  hostNamespaces: { level: 'baseline', since: 0 },
  hostPathVolumes: { level: 'baseline', since: 0 },
  hostPorts: { level: 'baseline', since: 0 },
  hostProbesAndHostLifecycle: { level: 'baseline', since: 34 },
  privileged: { level: 'baseline', since: 0 },
  procMount: { level: 'baseline', since: 0 },
  seLinuxOptions: { level: 'baseline', since: 0 },
  seccompProfile_baseline: { level: 'baseline', since: 0 },
  sysctls: { level: 'baseline', since: 0 },
  windowsHostProcess: { level: 'baseline', since: 0 },
  allowPrivilegeEscalation: { level: 'restricted', since: 8 },
  capabilities_restricted: { level: 'restricted', since: 22, overrides: 'capabilities_baseline' },
  procMount_restricted: { level: 'restricted', since: 35, overrides: 'procMount' },
  restrictedVolumes: { level: 'restricted', since: 0, overrides: 'hostPathVolumes' },
  runAsNonRoot: { level: 'restricted', since: 0 },
  runAsUser: { level: 'restricted', since: 23 },
  seccompProfile_restricted: { level: 'restricted', since: 19, overrides: 'seccompProfile_baseline' },
};

/** PSA's evaluation order: baseline ids in byte order, then restricted ids in byte order. */
export const PSA_ORDER: readonly PsaCheckId[] = (['baseline', 'restricted'] as const).flatMap((lvl) =>
  (Object.keys(PSA_CHECKS) as PsaCheckId[]).filter((id) => PSA_CHECKS[id].level === lvl).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

const overriddenBy = new Map<PsaCheckId, PsaCheckId>();
for (const [id, info] of Object.entries(PSA_CHECKS) as [PsaCheckId, PsaCheckInfo][]) {
  if (info.overrides) overriddenBy.set(info.overrides, id);
}

/** Whether PSA runs this check for a pod evaluated at `level:v1.<minor>`. */
export function isActive(id: PsaCheckId, level: PssLevel, minor: number): boolean {
  const info = PSA_CHECKS[id];
  if (minor < info.since) return false;
  if (info.level === 'restricted' && level !== 'restricted') return false;
  if (level === 'restricted') {
    const by = overriddenBy.get(id);
    if (by && minor >= PSA_CHECKS[by].since) return false;
  }
  return true;
}
