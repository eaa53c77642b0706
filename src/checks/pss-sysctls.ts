// PSS baseline "Sysctls" (PSA check sysctls): a versioned allow-list of safe sysctls.
import { t } from './types.js';
import { definePssCheck } from './pss/define.js';
import { PSS_DOCS } from './pss/crosswalk.js';
import { arr, isObj, str } from '../k8s/values.js';
import type { Path } from '../core/path.js';

/** Each allow-list entry with the policy minor version it was added at. */
export const SAFE_SYSCTLS: readonly [string, number][] = [
  ['kernel.shm_rmid_forced', 0], ['net.ipv4.ip_local_port_range', 0], ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0], ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29], ['net.ipv4.tcp_fin_timeout', 29], ['net.ipv4.tcp_keepalive_intvl', 29], ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32], ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37], ['net.ipv4.tcp_notsent_lowat', 37],
];

export default definePssCheck({
  psa: 'sysctls',
  id: 'pss-sysctls',
  title: t('Only safe sysctls may be set (PSS baseline)', '安全な sysctl のみ設定する (PSS baseline)'),
  severity: 'high',
  description: t(
    'spec.securityContext.sysctls may name only the safe set, matched exactly: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start; + net.ipv4.ip_local_reserved_ports from v1.27; + tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl, tcp_keepalive_probes from v1.29; + tcp_rmem, tcp_wmem from v1.32; + tcp_slow_start_after_idle, tcp_notsent_lowat from v1.37.',
    'spec.securityContext.sysctls に書けるのは安全なもの（完全一致）のみ。v1.27・v1.29・v1.32・v1.37 で許可リストが増える。',
  ),
  remediation: t('Remove the other sysctls, or set them on the node instead.', 'それ以外の sysctl を削除するか、ノード側で設定する。'),
  references: { pss: 'Sysctls (baseline)', links: [PSS_DOCS] },
  evaluate(pod, minor) {
    const bad: string[] = [];
    let first: Path | undefined;
    arr(pod.podSc?.sysctls).forEach((s, i) => {
      if (!isObj(s)) return;
      const name = str(s.name) ?? '';
      if (SAFE_SYSCTLS.some(([n, since]) => n === name && since <= minor)) return;
      bad.push(name);
      first ??= [...pod.specPath, 'securityContext', 'sysctls', i, 'name'];
    });
    if (bad.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: bad.join(', '), path: first!, container: null };
  },
});
