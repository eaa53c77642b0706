// The Pod Security Standards profiles: pss-baseline, pss-restricted (fixed level) and pss-namespace (labels decide).
import type { Profile, ProfilePolicy } from './types.js';
import { PSA_CHECKS, PSA_ORDER, type PsaCheckId } from '../checks/pss/levels.js';
import { LATEST_PSS_VERSION, MAX_PSS_MINOR, parsePssVersion } from '../checks/pss/versions.js';
import { UsageError } from '../core/errors.js';

export { LATEST_PSS_VERSION };

/** mamori check id of each PSA check. */
export const PSS_CHECK_IDS: Record<PsaCheckId, string> = {
  appArmorProfile: 'pss-apparmor',
  capabilities_baseline: 'pss-capabilities-baseline',
  hostNamespaces: 'pss-host-namespaces',
  hostPathVolumes: 'pss-host-path-volumes',
  hostPorts: 'pss-host-ports',
  hostProbesAndHostLifecycle: 'pss-host-probes',
  privileged: 'pss-privileged',
  procMount: 'pss-proc-mount',
  seLinuxOptions: 'pss-selinux',
  seccompProfile_baseline: 'pss-seccomp-baseline',
  sysctls: 'pss-sysctls',
  windowsHostProcess: 'pss-windows-host-process',
  allowPrivilegeEscalation: 'pss-allow-privilege-escalation',
  capabilities_restricted: 'pss-capabilities-restricted',
  procMount_restricted: 'pss-proc-mount-restricted',
  restrictedVolumes: 'pss-restricted-volumes',
  runAsNonRoot: 'pss-run-as-non-root',
  runAsUser: 'pss-run-as-user',
  seccompProfile_restricted: 'pss-seccomp-restricted',
};

/**
 * The annotation deprecation checks: in nsa, not in the PSS profiles, because PSA admits those annotations
 * (at v1.18 the seccomp annotation is exactly right) and a PSS profile reports only what PSA would judge.
 */
export const DEPRECATION_CHECKS = ['seccomp-annotation-deprecated', 'apparmor-annotation'];

/** Manifest checks that accompany the NSA checks: they never reject (Audit), they explain. */
export const MANIFEST_HYGIENE_CHECKS = ['misplaced-security-context-field', ...DEPRECATION_CHECKS, 'seccomp-profile-missing', 'apparmor-profile-missing'];

/** The manifest checks of the PSS profiles: the above without the deprecations. */
export const PSS_HYGIENE_CHECKS = MANIFEST_HYGIENE_CHECKS.filter((id) => !DEPRECATION_CHECKS.includes(id));

const hygiene: Record<string, ProfilePolicy> = Object.fromEntries(PSS_HYGIENE_CHECKS.map((id) => [id, { effect: 'Audit' }]));

function policies(level: 'baseline' | 'restricted' | 'namespace'): Record<string, ProfilePolicy> {
  const out: Record<string, ProfilePolicy> = {};
  for (const psa of PSA_ORDER) {
    if (level === 'baseline' && PSA_CHECKS[psa].level !== 'baseline') continue;
    out[PSS_CHECK_IDS[psa]] = { effect: 'Deny', parameters: { level } };
  }
  return { ...out, ...hygiene };
}

// PSA has no namespace exclusions of its own: exemptions are cluster configuration
const noExclusions = { alwaysExcludedNamespaces: [], excludedNamespaces: [] };

/** pss-baseline and pss-restricted: one level, every check Deny, the newest version unless pinned. */
function levelProfile(level: 'baseline' | 'restricted'): Profile {
  return {
    name: `pss-${level}`,
    description: {
      en: `Pod Security Standards ${level} exactly as pod-security-admission enforces it; pin a policy version with pss-${level}:v1.N (v1.0 and up), default v${LATEST_PSS_VERSION}, the latest mamori knows.`,
      ja: `pod-security-admission と同じ判定の Pod Security Standards ${level}。pss-${level}:v1.N でポリシー バージョンを固定（v1.0 以降）。既定は mamori が知る最新の v${LATEST_PSS_VERSION}。`,
    },
    ...noExclusions,
    policies: policies(level),
    version: LATEST_PSS_VERSION,
  };
}

const pssBaseline: Profile = levelProfile('baseline');
const pssRestricted: Profile = levelProfile('restricted');

const pssNamespace: Profile = {
  name: 'pss-namespace',
  description: {
    en: `Pod Security Standards at the level and version each Namespace's pod-security.kubernetes.io/enforce|audit|warn labels select (Namespace objects in the input); enforce violations are Deny, audit and warn Audit; unlabelled namespaces are privileged. A missing -version label means v${LATEST_PSS_VERSION} (latest).`,
    ja: `入力に含まれる Namespace の pod-security.kubernetes.io/enforce|audit|warn ラベルが選ぶレベルとバージョンで Pod Security Standards を判定。enforce 違反は Deny、audit と warn は Audit。ラベルのない名前空間は privileged。-version ラベルがなければ v${LATEST_PSS_VERSION}（latest）。`,
  },
  ...noExclusions,
  policies: policies('namespace'),
  version: LATEST_PSS_VERSION,
};

export const PSS_PROFILES: readonly Profile[] = [pssBaseline, pssRestricted, pssNamespace];

/** The version a pss-* profile name carries ("v1.30", "1.30", "latest"), as mamori will judge by it; a usage error when it does not parse. */
export function normalizePssProfileVersion(profile: string, version: string): string {
  const minor = parsePssVersion(version);
  if (minor === undefined) {
    throw new UsageError(`${profile}:${version}: not a Pod Security Standards version; use latest or v1.N (v1.0 to v1.${MAX_PSS_MINOR})`);
  }
  return `1.${minor}`;
}
