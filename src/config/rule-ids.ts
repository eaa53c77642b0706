// Every rule id and its family without loading the rules: config checks ids with it, so `scan` loads no other family's code.
import type { Family } from '../core/rule.js';
import { checkById } from '../checks/index.js';

/**
 * The ids of the families beside the manifest checks, kept by hand: src/config/rule-ids.test.ts fails, naming the
 * id, when this table and the registry (src/registry.ts) differ.
 */
export const OTHER_RULE_IDS: Readonly<Record<Exclude<Family, 'manifest'>, readonly string[]>> = {
  rbac: [
    'rbac-automounted-powerful-token', 'rbac-cluster-admin-binding', 'rbac-default-service-account', 'rbac-escalation-verbs',
    'rbac-kube-system-workload-create', 'rbac-pods-exec', 'rbac-secrets-cluster-wide', 'rbac-user-subject',
    'rbac-wildcard-permission',
  ],
  versions: ['deprecated-api-deprecated', 'deprecated-api-removed', 'kubelet-version-skew', 'version-unsupported'],
  'seccomp-lint': [
    'seccomp-architecture', 'seccomp-arg-filter', 'seccomp-arg-or', 'seccomp-conflicting-rules', 'seccomp-dangerous-syscall',
    'seccomp-default-action', 'seccomp-default-action-weak', 'seccomp-denylist', 'seccomp-docker-only-field',
    'seccomp-duplicate-syscall', 'seccomp-errno', 'seccomp-legacy-name', 'seccomp-missing-essential',
    'seccomp-no-architectures', 'seccomp-notify', 'seccomp-redundant-rule', 'seccomp-rule-names', 'seccomp-style',
    'seccomp-syscall-not-on-arch', 'seccomp-too-large', 'seccomp-unknown-key', 'seccomp-unknown-syscall',
  ],
  'apparmor-lint': [
    'apparmor-attach-disconnected', 'apparmor-broad-allow', 'apparmor-capability', 'apparmor-comment-include',
    'apparmor-duplicate-profile', 'apparmor-file-rule', 'apparmor-flags', 'apparmor-network', 'apparmor-newer-abi',
    'apparmor-no-file-rules', 'apparmor-proc-sys-write', 'apparmor-structure', 'apparmor-syntax', 'apparmor-variable',
  ],
};

const familyOf = new Map<string, Family>(
  (Object.entries(OTHER_RULE_IDS) as [Family, readonly string[]][]).flatMap(([family, ids]) => ids.map((id) => [id, family] as const)),
);

/** The family of a registered rule id, or undefined when no rule has that id (the manifest checks come from the catalogue). */
export function ruleFamily(id: string): Family | undefined {
  return checkById(id) ? 'manifest' : familyOf.get(id);
}
