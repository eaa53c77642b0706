// The `defender` profile: the 16 Defender for Containers recommendations as the MCSB initiative assigns them.
import type { Profile } from './types.js';

/** Always excluded by Azure Policy for Kubernetes, whatever the parameter says. */
export const AZURE_ALWAYS_EXCLUDED = ['kube-system', 'gatekeeper-system', 'azure-arc'];
/** The definitions' default excludedNamespaces. */
export const AZURE_DEFINITION_EXCLUDED = [...AZURE_ALWAYS_EXCLUDED, 'azure-extensions-usage-system'];
/** MCSB's default for most container policies: the definition default plus Defender's own namespaces. */
export const MCSB_EXCLUDED = [...AZURE_ALWAYS_EXCLUDED, 'azuredefender', 'mdc', 'azure-extensions-usage-system'];

const mcsb = { excludedNamespaces: MCSB_EXCLUDED };
const definition = { excludedNamespaces: AZURE_DEFINITION_EXCLUDED };

export const defender: Profile = {
  name: 'defender',
  description: {
    en: 'The 16 Defender for Containers recommendations (Azure Policy for Kubernetes), with the template versions and defaults of the Microsoft cloud security benchmark initiative.',
    ja: 'Defender for Containers の 16 の推奨事項（Kubernetes 用 Azure Policy）。Microsoft クラウド セキュリティ ベンチマーク イニシアチブのテンプレート バージョンと既定値。',
  },
  alwaysExcludedNamespaces: AZURE_ALWAYS_EXCLUDED,
  excludedNamespaces: MCSB_EXCLUDED,
  policies: {
    'missing-resource-limits': mcsb,
    'untrusted-registry': mcsb,
    'disallowed-capabilities': mcsb,
    'disallowed-apparmor-profile': mcsb,
    'disallowed-service-port': definition,
    'host-network-or-port': definition,
    'disallowed-host-path': mcsb,
    'privilege-escalation-allowed': definition,
    'host-namespace-shared': definition,
    'writable-root-filesystem': mcsb,
    'ingress-not-https': definition,
    'service-account-token-automount': mcsb,
    'default-namespace': definition,
    'sys-admin-capability': mcsb,
    'privileged-container': mcsb,
    'run-as-root': mcsb,
    // mamori's own addition: a field Kubernetes ignores where it is written is worse than a missing one
    'misplaced-security-context-field': mcsb,
  },
};
