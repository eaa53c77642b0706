// PSS restricted "Running as Non-root user" (PSA check runAsUser, v1.23; v1.35 exempts pods with hostUsers: false).
import { t } from './types.js';
import { definePssCheck, psaContainers, single, userNamespaced } from './pss/define.js';
import { joinQuote, pluralize } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import type { Path } from '../core/path.js';

export default definePssCheck({
  psa: 'runAsUser',
  id: 'pss-run-as-user',
  title: t('runAsUser must not be 0 (PSS restricted)', 'runAsUser に 0 を設定しない (PSS restricted)'),
  severity: 'medium',
  description: t(
    'From v1.23 neither the pod nor any container may set runAsUser=0 (unset is fine). From v1.35 pods with spec.hostUsers: false pass.',
    'v1.23 から、Pod もコンテナーも runAsUser=0 を設定してはならない（未設定は可）。v1.35 から spec.hostUsers: false の Pod は合格。',
  ),
  remediation: t('Set runAsUser to a non-zero UID, or remove it and let the image choose a non-root user.', 'runAsUser を 0 以外の UID にするか、削除してイメージの非 root ユーザーに任せる。'),
  references: { pss: 'Running as Non-root user (restricted, v1.23+)', nsa: 'Pod security: runAsUser set, non-zero (seed 000 #1)', azurePolicy: AZURE.usersGroups, kubescape: 'C-0013', links: [PSS_DOCS] },
  evaluate(pod, minor) {
    if (minor >= 35 && userNamespaced(pod)) return undefined;
    const setters: string[] = [];
    let first: Path | undefined;
    const podZero = pod.podSc?.runAsUser === 0;
    if (podZero) { setters.push('pod'); first = [...pod.specPath, 'securityContext', 'runAsUser']; }
    const names: string[] = [];
    for (const c of psaContainers(pod)) {
      if (c.sc?.runAsUser !== 0) continue;
      names.push(c.name);
      first ??= [...c.path, 'securityContext', 'runAsUser'];
    }
    if (names.length > 0) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);
    if (setters.length === 0) return undefined;
    return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, path: first!, container: podZero ? null : single(names) };
  },
});
