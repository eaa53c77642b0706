// PSS baseline "Capabilities" (PSA check capabilities_baseline, v1.0): only the default capabilities may be added.
import { t } from './types.js';
import { definePssCheck, psaContainers, single } from './pss/define.js';
import { joinQuote, pluralize, sortBytes } from './pss/format.js';
import { AZURE, PSS_DOCS } from './pss/crosswalk.js';
import { obj, strings } from '../k8s/values.js';

/** The container runtime's default capabilities, exactly as PSA spells them (no CAP_ prefix normalisation). */
export const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export default definePssCheck({
  psa: 'capabilities_baseline',
  id: 'pss-capabilities-baseline',
  title: t('Only default capabilities may be added (PSS baseline)', '既定以外の機能 (capabilities) を追加しない (PSS baseline)'),
  severity: 'high',
  description: t(
    'securityContext.capabilities.add may contain only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT (exact names: CAP_CHOWN is not allowed). In restricted from v1.22 this check is replaced by pss-capabilities-restricted.',
    'securityContext.capabilities.add に含められるのは AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT のみ（名前は完全一致: CAP_CHOWN は不可）。restricted では v1.22 から pss-capabilities-restricted に置き換わる。',
  ),
  remediation: t('Remove the other capabilities from securityContext.capabilities.add.', 'securityContext.capabilities.add からそれ以外の機能を削除する。'),
  references: { pss: 'Capabilities (baseline)', nsa: 'Pod security: capabilities not added (seed 000 #8)', azurePolicy: AZURE.allowedCapabilities, kubescape: 'C-0046', links: [PSS_DOCS] },
  evaluate(pod) {
    const names: string[] = [];
    const caps: string[] = [];
    let first: (string | number)[] | undefined;
    for (const c of psaContainers(pod)) {
      const add = strings(obj(c.sc?.capabilities)?.add);
      const badIdx = add.map((cap, i) => [cap, i] as const).filter(([cap]) => !BASELINE_CAPABILITIES.has(cap));
      if (badIdx.length === 0) continue;
      names.push(c.name);
      for (const [cap] of badIdx) caps.push(cap);
      first ??= [...c.path, 'securityContext', 'capabilities', 'add', badIdx[0]![1]];
    }
    if (names.length === 0) return undefined;
    return {
      reason: 'non-default capabilities',
      detail: `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not include ${joinQuote(sortBytes(caps))} in securityContext.capabilities.add`,
      path: first!,
      container: single(names),
    };
  },
});
