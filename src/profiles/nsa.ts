// The `nsa` profile: the NSA/CISA Kubernetes Hardening Guidance items on pod security (seed 000's table, item by item).
import type { Profile, ProfilePolicy } from './types.js';
import { MANIFEST_HYGIENE_CHECKS } from './pss.js';

const NSA_CHECKS = [
  'nsa-run-as-user', 'nsa-run-as-group', 'nsa-run-as-non-root', 'nsa-supplemental-groups', 'nsa-fs-group',
  'nsa-privileged', 'nsa-allow-privilege-escalation', 'nsa-capabilities', 'nsa-seccomp',
  'nsa-host-namespaces', 'nsa-host-path', 'nsa-read-only-root-filesystem', 'nsa-resource-limits',
  'nsa-service-account-token', 'nsa-network-policy',
  ...MANIFEST_HYGIENE_CHECKS,
];

export const nsa: Profile = {
  name: 'nsa',
  description: {
    en: 'NSA/CISA Kubernetes Hardening Guidance, pod security: non-root user and groups, no privilege, capabilities dropped, seccomp, no host namespaces or hostPath, read-only root filesystem, resource limits, no token automount, NetworkPolicy coverage; plus seccomp/AppArmor manifest checks.',
    ja: 'NSA/CISA Kubernetes Hardening Guidance の Pod セキュリティ: 非 root のユーザーとグループ、特権なし、機能の削除、seccomp、ホスト名前空間と hostPath の禁止、読み取り専用ルート、リソース制限、トークン自動マウントなし、NetworkPolicy の適用。seccomp/AppArmor のマニフェスト検査を含む。',
  },
  alwaysExcludedNamespaces: [],
  excludedNamespaces: [],
  policies: Object.fromEntries(NSA_CHECKS.map((id): [string, ProfilePolicy] => [id, { effect: 'Audit' }])),
};
