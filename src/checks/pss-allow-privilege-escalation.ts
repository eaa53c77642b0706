// PSS restricted "Privilege Escalation" (PSA check allowPrivilegeEscalation, v1.8; v1.25 exempts Windows pods).
import { remedy, t, type FixOp } from './types.js';
import { NO_ESCALATION } from './changes.js';
import { definePssCheck, psaContainers, single, windowsOs } from './pss/define.js';
import { joinQuote, pluralize } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';

export default definePssCheck({
  psa: 'allowPrivilegeEscalation',
  id: 'pss-allow-privilege-escalation',
  title: t('Privilege escalation must be disallowed (PSS restricted)', '特権エスカレーションを禁止する (PSS restricted)'),
  severity: 'medium',
  description: t(
    'From v1.8 every container must set securityContext.allowPrivilegeEscalation=false explicitly; there is no pod-level field. From v1.25 pods with spec.os.name: windows are exempt.',
    'v1.8 から、すべてのコンテナーが securityContext.allowPrivilegeEscalation=false を明示すること（Pod レベルのフィールドはない）。v1.25 から spec.os.name: windows の Pod は対象外。',
  ),
  remediation: t('Set securityContext.allowPrivilegeEscalation: false on every container.', 'すべてのコンテナーで securityContext.allowPrivilegeEscalation: false を設定する。'),
  references: { pss: 'Privilege Escalation (restricted)', nsa: 'Pod security: allowPrivilegeEscalation: false (seed 000 #7)', azurePolicy: AZURE.privilegeEscalation, kubescape: 'C-0016', links: [PSS_DOCS] },
  changes: [NO_ESCALATION],
  evaluate(pod, minor) {
    if (minor >= 25 && windowsOs(pod)) return undefined;
    const bad = psaContainers(pod).filter((c) => c.sc?.allowPrivilegeEscalation !== false);
    if (bad.length === 0) return undefined;
    const names = bad.map((c) => c.name);
    const ops: FixOp[] = bad.map((c) => ({ op: 'set', path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'], value: false }));
    return {
      reason: 'allowPrivilegeEscalation != false',
      detail: `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must set securityContext.allowPrivilegeEscalation=false`,
      path: ops[0]!.path,
      container: single(names),
      ...remedy(NO_ESCALATION, ops),
    };
  },
});
