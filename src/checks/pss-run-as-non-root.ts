// PSS restricted "Running as Non-root" (PSA check runAsNonRoot, v1.0; v1.35 exempts pods with hostUsers: false).
import { remedy, t } from './types.js';
import { RUN_AS_NON_ROOT } from './changes.js';
import { nonRootProof } from './evidence.js';
import { definePssCheck, psaContainers, single, userNamespaced } from './pss/define.js';
import { joinQuote, pluralize } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import type { Path } from '../core/path.js';

export default definePssCheck({
  psa: 'runAsNonRoot',
  id: 'pss-run-as-non-root',
  title: t('Containers must run as non-root (PSS restricted)', 'コンテナーを root 以外で実行する (PSS restricted)'),
  severity: 'medium',
  description: t(
    'Every container must end up with runAsNonRoot=true: its own value, or the pod\'s when it sets none. An explicit false anywhere fails, even pod-level false when every container sets true. From v1.35 pods with spec.hostUsers: false pass.',
    'すべてのコンテナーが runAsNonRoot=true になること（自身の値、未設定なら Pod の値）。どこかで false を明示すると失敗する（全コンテナーが true でも Pod の false は失敗）。v1.35 から spec.hostUsers: false の Pod は合格。',
  ),
  remediation: t('Set spec.securityContext.runAsNonRoot: true and remove runAsNonRoot: false.', 'spec.securityContext.runAsNonRoot: true を設定し、runAsNonRoot: false を削除する。'),
  references: { pss: 'Running as Non-root (restricted)', nsa: 'Pod security: runAsNonRoot true (seed 000 #3)', azurePolicy: AZURE.usersGroups, kubescape: 'C-0013', links: [PSS_DOCS] },
  changes: [RUN_AS_NON_ROOT],
  evaluate(pod, minor) {
    if (minor >= 35 && userNamespaced(pod)) return undefined;
    const setters: string[] = [];
    let first: Path | undefined;
    const pv = pod.podSc?.runAsNonRoot;
    const podTrue = pv === true;
    if (pv === false) { setters.push('pod'); first = [...pod.specPath, 'securityContext', 'runAsNonRoot']; }
    const explicit: string[] = [];
    const implicit: string[] = [];
    let firstImplicit: Path | undefined;
    for (const c of psaContainers(pod)) {
      const v = c.sc?.runAsNonRoot;
      if (v === false) { explicit.push(c.name); first ??= [...c.path, 'securityContext', 'runAsNonRoot']; }
      else if ((v === undefined || v === null) && !podTrue) { implicit.push(c.name); firstImplicit ??= [...c.path, 'securityContext', 'runAsNonRoot']; }
    }
    if (explicit.length > 0) setters.push(`${pluralize('container', 'containers', explicit.length)} ${joinQuote(explicit)}`);
    if (setters.length > 0) {
      return {
        reason: 'runAsNonRoot != true',
        detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
        path: first!,
        container: pv === false ? null : single(explicit),
      };
    }
    if (implicit.length === 0) return undefined;
    const podPath: Path = [...pod.specPath, 'securityContext', 'runAsNonRoot'];
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.runAsNonRoot=true`,
      path: firstImplicit!,
      container: single(implicit),
      ...remedy(RUN_AS_NON_ROOT, [{ op: 'set', path: podPath, value: true }], nonRootProof(pod, pod.containers)),
    };
  },
});
