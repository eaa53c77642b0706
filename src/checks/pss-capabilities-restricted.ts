// PSS restricted "Capabilities" (PSA check capabilities_restricted, v1.22; v1.25 exempts Windows pods).
import { remedy, t, type FixOp } from './types.js';
import { DROP_ALL } from './changes.js';
import { definePssCheck, psaContainers, single, windowsOs } from './pss/define.js';
import { joinQuote, pluralize, sortBytes } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import { obj, strings } from '../k8s/values.js';
import type { Path } from '../core/path.js';

export default definePssCheck({
  psa: 'capabilities_restricted',
  id: 'pss-capabilities-restricted',
  title: t('All capabilities must be dropped (PSS restricted)', 'すべての機能 (capabilities) を削除する (PSS restricted)'),
  severity: 'medium',
  description: t(
    'From v1.22 every container must list the literal ALL in securityContext.capabilities.drop ("all" or "CAP_ALL" do not count) and may add only NET_BIND_SERVICE. From v1.25 pods with spec.os.name: windows are exempt.',
    'v1.22 から、すべてのコンテナーが securityContext.capabilities.drop に ALL（大文字の完全一致）を含め、add には NET_BIND_SERVICE のみ許可。v1.25 から spec.os.name: windows の Pod は対象外。',
  ),
  remediation: t('Set securityContext.capabilities.drop: ["ALL"] and add back only NET_BIND_SERVICE if needed.', 'securityContext.capabilities.drop: ["ALL"] を設定し、必要なら NET_BIND_SERVICE だけを add する。'),
  references: { pss: 'Capabilities (restricted)', nsa: 'Pod security: drop ALL capabilities, add none (seed 000 #8)', azurePolicy: AZURE.allowedCapabilities, kubescape: 'C-0046', links: [PSS_DOCS] },
  changes: [DROP_ALL],
  evaluate(pod, minor) {
    if (minor >= 25 && windowsOs(pod)) return undefined;
    const missing: string[] = [];
    const adding: string[] = [];
    const caps: string[] = [];
    const ops: FixOp[] = [];
    let first: Path | undefined;
    for (const c of psaContainers(pod)) {
      const capsObj = obj(c.sc?.capabilities);
      const dropPath: Path = [...c.path, 'securityContext', 'capabilities', 'drop'];
      if (!capsObj || !strings(capsObj.drop).includes('ALL')) {
        missing.push(c.name);
        first ??= capsObj ? dropPath : [...c.path, 'securityContext', 'capabilities'];
        ops.push({ op: 'set', path: dropPath, value: ['ALL', ...strings(capsObj?.drop).filter((d) => d !== 'ALL')] });
      }
      const bad = strings(capsObj?.add).filter((a) => a !== 'NET_BIND_SERVICE');
      if (bad.length > 0) {
        adding.push(c.name);
        for (const cap of bad) caps.push(cap);
        first ??= [...c.path, 'securityContext', 'capabilities', 'add'];
      }
    }
    const details: string[] = [];
    if (missing.length > 0) details.push(`${pluralize('container', 'containers', missing.length)} ${joinQuote(missing)} must set securityContext.capabilities.drop=["ALL"]`);
    if (adding.length > 0) details.push(`${pluralize('container', 'containers', adding.length)} ${joinQuote(adding)} must not include ${joinQuote(sortBytes(caps))} in securityContext.capabilities.add`);
    if (details.length === 0) return undefined;
    const all = [...new Set([...missing, ...adding])];
    const r = { reason: 'unrestricted capabilities', detail: details.join('; '), path: first!, container: single(all) };
    return ops.length > 0
      ? { ...r, ...remedy(DROP_ALL, ops) }
      : r;
  },
});
