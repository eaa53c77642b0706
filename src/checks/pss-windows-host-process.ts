// PSS baseline "HostProcess" (PSA check windowsHostProcess, v1.0).
import { t } from './types.js';
import { definePssCheck, psaContainers, single } from './pss/define.js';
import { joinQuote, pluralize } from './pss/format.js';
import { PSS_DOCS } from './pss/crosswalk.js';
import { obj } from '../k8s/values.js';
import type { Path } from '../core/path.js';

export default definePssCheck({
  psa: 'windowsHostProcess',
  id: 'pss-windows-host-process',
  title: t('Windows HostProcess containers are disallowed (PSS baseline)', 'Windows HostProcess コンテナーを許可しない (PSS baseline)'),
  severity: 'high',
  description: t('securityContext.windowsOptions.hostProcess (pod and containers) must be false or unset.', 'securityContext.windowsOptions.hostProcess（Pod とコンテナー）は false か未設定でなければならない。'),
  remediation: t('Remove windowsOptions.hostProcess.', 'windowsOptions.hostProcess を削除する。'),
  references: { pss: 'HostProcess (baseline)', links: [PSS_DOCS] },
  evaluate(pod) {
    const setters: string[] = [];
    let first: Path | undefined;
    const podHp = obj(pod.podSc?.windowsOptions)?.hostProcess === true;
    if (podHp) { setters.push('pod'); first = [...pod.specPath, 'securityContext', 'windowsOptions', 'hostProcess']; }
    const names: string[] = [];
    for (const c of psaContainers(pod)) {
      if (obj(c.sc?.windowsOptions)?.hostProcess !== true) continue;
      names.push(c.name);
      first ??= [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'];
    }
    if (names.length > 0) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);
    if (setters.length === 0) return undefined;
    return {
      reason: 'hostProcess',
      detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
      path: first!,
      container: podHp ? null : single(names),
    };
  },
});
