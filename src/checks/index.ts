// The catalogue: every check mamori knows, by id.
import type { Check } from './types.js';
import privilegedContainer from './privileged-container.js';
import privilegeEscalationAllowed from './privilege-escalation-allowed.js';
import hostNamespaceShared from './host-namespace-shared.js';
import writableRootFilesystem from './writable-root-filesystem.js';
import missingResourceLimits from './missing-resource-limits.js';
import ingressNotHttps from './ingress-not-https.js';
import serviceAccountTokenAutomount from './service-account-token-automount.js';
import untrustedRegistry from './untrusted-registry.js';
import defaultNamespace from './default-namespace.js';
import sysAdminCapability from './sys-admin-capability.js';
import disallowedCapabilities from './disallowed-capabilities.js';
import disallowedApparmorProfile from './disallowed-apparmor-profile.js';
import runAsRoot from './run-as-root.js';
import disallowedServicePort from './disallowed-service-port.js';
import hostNetworkOrPort from './host-network-or-port.js';
import { PSS_NSA_CHECKS } from './pss/catalog.js';
import disallowedHostPath from './disallowed-host-path.js';

export const ALL_CHECKS: readonly Check[] = [
  privilegedContainer,
  privilegeEscalationAllowed,
  hostNamespaceShared,
  writableRootFilesystem,
  missingResourceLimits,
  ingressNotHttps,
  serviceAccountTokenAutomount,
  untrustedRegistry,
  defaultNamespace,
  sysAdminCapability,
  disallowedCapabilities,
  disallowedApparmorProfile,
  runAsRoot,
  disallowedServicePort,
  hostNetworkOrPort,
  ...PSS_NSA_CHECKS,
  disallowedHostPath,
] as unknown as readonly Check[];

const byId = new Map(ALL_CHECKS.map((c) => [c.meta.id, c]));
export function checkById(id: string): Check | undefined { return byId.get(id); }
