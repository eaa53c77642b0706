// PSS baseline "/proc Mount Type" (PSA check procMount, v1.0; from v1.35 any value with hostUsers: false).
import { t } from './types.js';
import { definePssCheck, userNamespaced } from './pss/define.js';
import { procMountResult } from './pss/proc-mount.js';
import { PSS_DOCS } from './pss/crosswalk.js';

export default definePssCheck({
  psa: 'procMount',
  id: 'pss-proc-mount',
  title: t('The default /proc mount must be used (PSS baseline)', '既定の /proc マスクを使う (PSS baseline)'),
  severity: 'high',
  description: t(
    'securityContext.procMount must be unset or Default. From v1.35 any value is allowed when spec.hostUsers is false (in restricted from v1.35, pss-proc-mount-restricted replaces this check and keeps the rule).',
    'securityContext.procMount は未設定か Default でなければならない。v1.35 からは spec.hostUsers が false なら任意の値を許可（restricted では v1.35 から pss-proc-mount-restricted が置き換わり、規則を維持する）。',
  ),
  remediation: t('Remove securityContext.procMount (or set it to Default).', 'securityContext.procMount を削除する（または Default にする）。'),
  references: { pss: '/proc Mount Type (baseline)', links: [PSS_DOCS] },
  evaluate(pod, minor) {
    if (minor >= 35 && userNamespaced(pod)) return undefined;
    return procMountResult(pod);
  },
});
