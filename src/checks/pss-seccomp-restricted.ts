// PSS restricted "Seccomp" (PSA check seccompProfile_restricted, v1.19; v1.25 exempts Windows pods).
import { t } from './types.js';
import { RUNTIME_DEFAULT } from './changes.js';
import { definePssCheck, windowsOs } from './pss/define.js';
import { seccompFields } from './pss/seccomp.js';
import { PSS_DOCS } from './pss/crosswalk.js';

export default definePssCheck({
  psa: 'seccompProfile_restricted',
  id: 'pss-seccomp-restricted',
  title: t('A seccomp profile must be set (PSS restricted)', 'seccomp プロファイルを設定する (PSS restricted)'),
  severity: 'medium',
  description: t(
    'Every container must end up with seccompProfile.type RuntimeDefault or Localhost: its own, or the pod\'s when it sets none. An explicit Unconfined anywhere fails, even where another level is valid. From v1.25 pods with spec.os.name: windows are exempt.',
    'すべてのコンテナーが seccompProfile.type RuntimeDefault か Localhost を持つこと（自身の値、未設定なら Pod の値）。どこかで Unconfined を明示すると、他の階層が正しくても失敗する。v1.25 から spec.os.name: windows の Pod は対象外。',
  ),
  remediation: t('Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost) and remove Unconfined.', 'spec.securityContext.seccompProfile.type: RuntimeDefault（または Localhost）を設定し、Unconfined を削除する。'),
  references: { pss: 'Seccomp (restricted)', nsa: 'Pod security: seccompProfile RuntimeDefault (seed 000 #9)', kubescape: 'C-0055', links: [PSS_DOCS] },
  changes: [RUNTIME_DEFAULT],
  evaluate(pod, minor) {
    if (minor >= 25 && windowsOs(pod)) return undefined;
    return seccompFields(pod, true);
  },
});
