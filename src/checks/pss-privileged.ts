// PSS baseline "Privileged Containers" (PSA check privileged, v1.0).
import { remedy, t, type FixOp } from './types.js';
import { UNPRIVILEGE } from './changes.js';
import { definePssCheck, psaContainers, single } from './pss/define.js';
import { joinQuote, pluralize } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';

export default definePssCheck({
  psa: 'privileged',
  id: 'pss-privileged',
  title: t('Privileged containers are disallowed (PSS baseline)', '特権コンテナーを許可しない (PSS baseline)'),
  severity: 'high',
  description: t(
    'Pod Security Standards baseline, as pod-security-admission checks it: no container (init and ephemeral included) may set securityContext.privileged=true.',
    'Pod Security Standards baseline（pod-security-admission と同じ判定）: どのコンテナー（init・エフェメラルを含む）も securityContext.privileged=true を設定してはならない。',
  ),
  remediation: t('Remove securityContext.privileged or set it to false.', 'securityContext.privileged を削除するか false にする。'),
  references: { pss: 'Privileged Containers (baseline)', nsa: 'Pod security: privileged: false (seed 000 #6)', azurePolicy: AZURE.privileged, kubescape: 'C-0057', links: [PSS_DOCS] },
  changes: [UNPRIVILEGE],
  evaluate(pod) {
    const bad = psaContainers(pod).filter((c) => c.sc?.privileged === true);
    if (bad.length === 0) return undefined;
    const names = bad.map((c) => c.name);
    const ops: FixOp[] = bad.map((c) => ({ op: 'set', path: [...c.path, 'securityContext', 'privileged'], value: false }));
    return {
      reason: 'privileged',
      detail: `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not set securityContext.privileged=true`,
      path: ops[0]!.path,
      container: single(names),
      ...remedy(UNPRIVILEGE, ops),
    };
  },
});
