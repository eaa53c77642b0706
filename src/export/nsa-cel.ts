// The NSA/CISA hardening checks in CEL (and which of the profile's manifest-hygiene checks cannot be exported).
import type { Translator, Translation } from './types.js';
import { containerSc, containerValue, effective, lit, podValue } from './cel.js';

const perContainer = (violates: (c: string) => string, detail: string): Translation => ({
  fidelity: 'exact',
  rules: [{ scope: 'container', violates, detail: () => lit(detail) }],
});

const perPod = (violates: string, detail: string): Translation => ({
  fidelity: 'exact',
  rules: [{ scope: 'object', violates, detail: lit(detail) }],
});

const HYGIENE = 'a manifest-hygiene check about how the manifest is written (deprecated annotations); the API server rewrites or drops some of what it reads before admission, and the check is advice, not a control';
const NODE_FILES = 'needs the profiles on the nodes\' file system (--seccomp-profile-root / --apparmor-profile-dir), which an admission policy cannot read';

export const NSA_TRANSLATORS: Record<string, Translator> = {
  'nsa-run-as-user': () => perContainer((c) => `${effective('runAsUser', c)} == null || ${effective('runAsUser', c)} == 0`, 'runAsUser is unset or 0 (securityContext.runAsUser)'),
  'nsa-run-as-group': () => perContainer((c) => `${effective('runAsGroup', c)} == null || ${effective('runAsGroup', c)} == 0`, 'runAsGroup is unset or 0 (securityContext.runAsGroup)'),
  'nsa-run-as-non-root': () => perContainer((c) => `${effective('runAsNonRoot', c)} != true`, 'does not set runAsNonRoot: true (securityContext.runAsNonRoot)'),
  'nsa-supplemental-groups': () => perPod(`${podValue('supplementalGroups')} == null || size(variables.spec.securityContext.supplementalGroups) == 0 || 0 in variables.spec.securityContext.supplementalGroups`, 'supplementalGroups is unset or includes 0 (spec.securityContext.supplementalGroups)'),
  'nsa-fs-group': () => perPod(`${podValue('fsGroup')} == null || variables.spec.securityContext.fsGroup == 0`, 'fsGroup is unset or 0 (spec.securityContext.fsGroup)'),
  'nsa-privileged': () => perContainer((c) => `${containerValue('privileged', c)} == true`, 'is privileged (securityContext.privileged)'),
  'nsa-allow-privilege-escalation': () => perContainer((c) => `${containerValue('allowPrivilegeEscalation', c)} != false`, 'does not set allowPrivilegeEscalation: false (securityContext.allowPrivilegeEscalation)'),
  'nsa-capabilities': () => {
    const caps = (c: string) => containerSc('capabilities', c);
    return perContainer(
      (c) => `(${caps(c).set} && has(${caps(c).val}.add) && size(${caps(c).val}.add) > 0) || !(${caps(c).set} && has(${caps(c).val}.drop) && 'ALL' in ${caps(c).val}.drop)`,
      'adds capabilities or does not drop ALL (securityContext.capabilities)',
    );
  },
  'nsa-seccomp': () => perContainer((c) => `${effective('seccompProfile', c)} == null || !(${effective('seccompProfile', c)}.type in ['RuntimeDefault', 'Localhost'])`, 'has no RuntimeDefault or Localhost seccomp profile (securityContext.seccompProfile)'),
  'nsa-host-namespaces': () => perPod(
    "['hostPID', 'hostIPC', 'hostNetwork'].exists(f, f in variables.spec && variables.spec[f] == true)",
    'shares a host namespace (spec.hostPID, spec.hostIPC, spec.hostNetwork)',
  ),
  'nsa-host-path': () => perPod('has(variables.spec.volumes) && variables.spec.volumes.exists(v, has(v.hostPath))', 'mounts a node path (spec.volumes[].hostPath)'),
  'nsa-read-only-root-filesystem': () => perContainer((c) => `${containerValue('readOnlyRootFilesystem', c)} != true`, 'has a writable root filesystem (securityContext.readOnlyRootFilesystem)'),
  'nsa-resource-limits': () => perContainer(
    (c) => `!(has(${c}.resources) && has(${c}.resources.limits) && has(${c}.resources.limits.cpu) && has(${c}.resources.limits.memory))`,
    'sets no cpu or memory limit (resources.limits)',
  ),
  'nsa-service-account-token': () => ({
    fidelity: 'difference',
    difference: 'An admission policy cannot read the ServiceAccount: a pod that leaves automountServiceAccountToken unset is refused even when its ServiceAccount sets automountServiceAccountToken: false (scan passes it when that ServiceAccount is in its input).',
    rules: [{ scope: 'object', violates: '!(has(variables.spec.automountServiceAccountToken) && variables.spec.automountServiceAccountToken == false)', detail: "'the service account token is mounted (spec.automountServiceAccountToken)'" }],
  }),
  'nsa-network-policy': () => ({ notExported: 'depends on the NetworkPolicy objects of the namespace, which an admission policy cannot list' }),
  'seccomp-annotation-deprecated': () => ({ notExported: HYGIENE }),
  'apparmor-annotation': () => ({ notExported: `${HYGIENE}; the API server copies the AppArmor annotation into securityContext.appArmorProfile of a Pod before admission` }),
  'seccomp-profile-missing': () => ({ notExported: NODE_FILES }),
  'apparmor-profile-missing': () => ({ notExported: NODE_FILES }),
};
