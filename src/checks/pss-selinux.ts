// PSS baseline "SELinux" (PSA check seLinuxOptions, v1.0; v1.31 adds container_engine_t).
import { t } from './types.js';
import { definePssCheck, psaContainers, single } from './pss/define.js';
import { joinQuote, pluralize, sortBytes } from './pss/format.js';
import { PSS_DOCS } from './pss/crosswalk.js';
import { obj, str, type Obj } from '../k8s/values.js';
import type { Path } from '../core/path.js';

const TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TYPES_1_31 = new Set([...TYPES_1_0, 'container_engine_t']);

export default definePssCheck({
  psa: 'seLinuxOptions',
  id: 'pss-selinux',
  title: t('Custom SELinux options are disallowed (PSS baseline)', 'SELinux オプションを独自に設定しない (PSS baseline)'),
  severity: 'high',
  description: t(
    'seLinuxOptions (pod and containers): type must be empty, container_t, container_init_t or container_kvm_t (plus container_engine_t from v1.31); user and role must not be set. level is not restricted.',
    'seLinuxOptions（Pod とコンテナー）: type は空・container_t・container_init_t・container_kvm_t（v1.31 から container_engine_t も可）、user と role は設定不可。level は制限なし。',
  ),
  remediation: t('Remove seLinuxOptions.user and .role and use an allowed type.', 'seLinuxOptions の user と role を削除し、許可された type を使う。'),
  references: { pss: 'SELinux (baseline)', nsa: 'Pod security: SELinux labels where supported', kubescape: 'C-0055', links: [PSS_DOCS] },
  evaluate(pod, minor) {
    const allowed = minor >= 31 ? TYPES_1_31 : TYPES_1_0;
    const types = new Set<string>();
    let user = false;
    let role = false;
    const judge = (o: Obj | undefined, base: Path): Path | undefined => {
      if (!o) return undefined;
      let at: Path | undefined;
      const type = str(o.type) ?? '';
      if (!allowed.has(type)) { types.add(type); at ??= [...base, 'type']; }
      if ((str(o.user) ?? '') !== '') { user = true; at ??= [...base, 'user']; }
      if ((str(o.role) ?? '') !== '') { role = true; at ??= [...base, 'role']; }
      return at;
    };
    const setters: string[] = [];
    const podAt = judge(obj(pod.podSc?.seLinuxOptions), [...pod.specPath, 'securityContext', 'seLinuxOptions']);
    let first = podAt;
    if (podAt) setters.push('pod');
    const names: string[] = [];
    for (const c of psaContainers(pod)) {
      const at = judge(obj(c.sc?.seLinuxOptions), [...c.path, 'securityContext', 'seLinuxOptions']);
      if (!at) continue;
      names.push(c.name);
      first ??= at;
    }
    if (names.length > 0) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);
    if (setters.length === 0) return undefined;
    const data: string[] = [];
    if (types.size > 0) data.push(`${pluralize('type', 'types', types.size)} ${joinQuote(sortBytes(types))}`);
    if (user) data.push('user may not be set');
    if (role) data.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      path: first!,
      container: podAt ? null : single(names),
    };
  },
});
