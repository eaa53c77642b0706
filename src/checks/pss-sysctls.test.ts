// Rule tests for pss-sysctls, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-sysctls.js';

ruleTester(check, {
  valid: [
    { name: 'v1.0 safe set passes', version: '1.0', yaml: pod({ securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net.ipv4.ping_group_range', value: '0 1' }] } }) },
    { name: 'v1.27: ip_local_reserved_ports allowed', version: '1.27', yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }] } }) },
    { name: 'v1.29: tcp_keepalive_* and tcp_fin_timeout allowed', version: '1.29', yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '1' }, { name: 'net.ipv4.tcp_fin_timeout', value: '1' }, { name: 'net.ipv4.tcp_keepalive_intvl', value: '1' }, { name: 'net.ipv4.tcp_keepalive_probes', value: '1' }] } }) },
    { name: 'v1.32: tcp_rmem and tcp_wmem allowed', version: '1.32', yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '1' }, { name: 'net.ipv4.tcp_wmem', value: '1' }] } }) },
    { name: 'v1.37: tcp_slow_start_after_idle and tcp_notsent_lowat allowed', version: '1.37', yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '1' }, { name: 'net.ipv4.tcp_notsent_lowat', value: '1' }] } }) },
    { name: 'latest is v1.37 (pod-security-admission v0.37 is released): both allowed', yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '1' }, { name: 'net.ipv4.tcp_notsent_lowat', value: '1' }] } }) },
    { name: 'v1.0: all five of the original safe set pass', version: '1.0', yaml: pod({ securityContext: { sysctls: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'].map((name) => ({ name, value: '1' })) } }) },
    { name: 'latest: everything added up to v1.32 passes', yaml: pod({ securityContext: { sysctls: ['net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'].map((name) => ({ name, value: '1' })) } }) },
  ],
  invalid: [
    {
      name: 'forbidden sysctls in spec order, unquoted',
      version: '1.0',
      yaml: pod({ securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'net.core.somaxconn', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (kernel.msgmax, net.core.somaxconn)' }],
      output: null,
    },
    {
      name: 'v1.26: ip_local_reserved_ports not yet',
      version: '1.26',
      yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (net.ipv4.ip_local_reserved_ports)' }],
      output: null,
    },
    {
      name: 'v1.28: tcp_keepalive_time not yet',
      version: '1.28',
      yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (net.ipv4.tcp_keepalive_time)' }],
      output: null,
    },
    {
      name: 'v1.31: tcp_rmem not yet',
      version: '1.31',
      yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (net.ipv4.tcp_rmem)' }],
      output: null,
    },
    {
      name: 'v1.36: tcp_slow_start_after_idle not yet',
      version: '1.36',
      yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (net.ipv4.tcp_slow_start_after_idle)' }],
      output: null,
    },
    {
      name: 'latest still forbids a near name (tcp_notsent_lowat_x)',
      yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat_x', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (net.ipv4.tcp_notsent_lowat_x)' }],
      output: null,
    },
    {
      name: 'exact names only (no prefix match)',
      yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies.x', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (net.ipv4.tcp_syncookies.x)' }],
      output: null,
    },
    {
      name: 'v1.36: tcp_notsent_lowat not yet',
      version: '1.36',
      yaml: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (net.ipv4.tcp_notsent_lowat)' }],
      output: null,
    },
    {
      name: 'a forbidden name twice is listed twice (spec order, no set)',
      yaml: pod({ securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.msgmax', value: '2' }] } }),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (kernel.msgmax, kernel.msgmax)' }],
      output: null,
    },
    {
      name: 'restricted runs it too',
      version: '1.0',
      yaml: pod({ securityContext: { runAsNonRoot: true, sysctls: [{ name: 'kernel.msgmax', value: '1' }] } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.sysctls[0].name', container: null, message: 'forbidden sysctls (kernel.msgmax)' }],
      output: null,
    },
  ],
});

