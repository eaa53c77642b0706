// The Pod Security Standards, NSA/CISA and manifest-hygiene checks, for the catalogue in ../index.ts.
import type { Check } from '../types.js';
import nsaAllowPrivilegeEscalation from '../nsa-allow-privilege-escalation.js';
import nsaCapabilities from '../nsa-capabilities.js';
import nsaFsGroup from '../nsa-fs-group.js';
import nsaHostNamespaces from '../nsa-host-namespaces.js';
import nsaHostPath from '../nsa-host-path.js';
import nsaNetworkPolicy from '../nsa-network-policy.js';
import nsaPrivileged from '../nsa-privileged.js';
import nsaReadOnlyRootFilesystem from '../nsa-read-only-root-filesystem.js';
import nsaResourceLimits from '../nsa-resource-limits.js';
import nsaRunAsGroup from '../nsa-run-as-group.js';
import nsaRunAsNonRoot from '../nsa-run-as-non-root.js';
import nsaRunAsUser from '../nsa-run-as-user.js';
import nsaSeccomp from '../nsa-seccomp.js';
import nsaServiceAccountToken from '../nsa-service-account-token.js';
import nsaSupplementalGroups from '../nsa-supplemental-groups.js';
import pssAllowPrivilegeEscalation from '../pss-allow-privilege-escalation.js';
import pssApparmor from '../pss-apparmor.js';
import pssCapabilitiesBaseline from '../pss-capabilities-baseline.js';
import pssCapabilitiesRestricted from '../pss-capabilities-restricted.js';
import pssHostNamespaces from '../pss-host-namespaces.js';
import pssHostPathVolumes from '../pss-host-path-volumes.js';
import pssHostPorts from '../pss-host-ports.js';
import pssHostProbes from '../pss-host-probes.js';
import pssPrivileged from '../pss-privileged.js';
import pssProcMountRestricted from '../pss-proc-mount-restricted.js';
import pssProcMount from '../pss-proc-mount.js';
import pssRestrictedVolumes from '../pss-restricted-volumes.js';
import pssRunAsNonRoot from '../pss-run-as-non-root.js';
import pssRunAsUser from '../pss-run-as-user.js';
import pssSeccompBaseline from '../pss-seccomp-baseline.js';
import pssSeccompRestricted from '../pss-seccomp-restricted.js';
import pssSelinux from '../pss-selinux.js';
import pssSysctls from '../pss-sysctls.js';
import pssWindowsHostProcess from '../pss-windows-host-process.js';
import misplacedSecurityContextField from '../misplaced-security-context-field.js';
import seccompAnnotationDeprecated from '../seccomp-annotation-deprecated.js';
import apparmorAnnotation from '../apparmor-annotation.js';
import seccompProfileMissing from '../seccomp-profile-missing.js';
import apparmorProfileMissing from '../apparmor-profile-missing.js';

export const PSS_NSA_CHECKS: readonly Check[] = [
  nsaAllowPrivilegeEscalation,
  nsaCapabilities,
  nsaFsGroup,
  nsaHostNamespaces,
  nsaHostPath,
  nsaNetworkPolicy,
  nsaPrivileged,
  nsaReadOnlyRootFilesystem,
  nsaResourceLimits,
  nsaRunAsGroup,
  nsaRunAsNonRoot,
  nsaRunAsUser,
  nsaSeccomp,
  nsaServiceAccountToken,
  nsaSupplementalGroups,
  pssAllowPrivilegeEscalation,
  pssApparmor,
  pssCapabilitiesBaseline,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssHostProbes,
  pssPrivileged,
  pssProcMountRestricted,
  pssProcMount,
  pssRestrictedVolumes,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompBaseline,
  pssSeccompRestricted,
  pssSelinux,
  pssSysctls,
  pssWindowsHostProcess,
  misplacedSecurityContextField,
  seccompAnnotationDeprecated,
  apparmorAnnotation,
  seccompProfileMissing,
  apparmorProfileMissing,
] as unknown as readonly Check[];
