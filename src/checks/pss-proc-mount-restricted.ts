// PSS restricted "/proc Mount Type" (PSA check procMount_restricted, v1.35): Default only, even in a user namespace.
import { t } from './types.js';
import { definePssCheck } from './pss/define.js';
import { procMountResult } from './pss/proc-mount.js';
import { PSS_DOCS } from './pss/crosswalk.js';

export default definePssCheck({
  psa: 'procMount_restricted',
  id: 'pss-proc-mount-restricted',
  title: t('The default /proc mount must be used (PSS restricted)', '既定の /proc マスクを使う (PSS restricted)'),
  severity: 'medium',
  description: t(
    'From v1.35, restricted keeps requiring securityContext.procMount unset or Default even when spec.hostUsers is false.',
    'v1.35 から restricted は spec.hostUsers が false でも securityContext.procMount を未設定か Default に制限する。',
  ),
  remediation: t('Remove securityContext.procMount (or set it to Default).', 'securityContext.procMount を削除する（または Default にする）。'),
  references: { pss: '/proc Mount Type (restricted, v1.35+)', links: [PSS_DOCS] },
  evaluate(pod) {
    return procMountResult(pod);
  },
});
