// Rule tests for pss-capabilities-baseline, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-capabilities-baseline.js';

ruleTester(check, {
  valid: [
    { name: 'default capabilities pass; drop is ignored', version: '1.0', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE', 'SETPCAP'], drop: ['NET_RAW'] } })] }) },
    { name: 'restricted v1.22: replaced by capabilities_restricted', version: '1.22', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['NET_RAW'] } })] }), params: { level: 'restricted' } },
    { name: 'all 13 default capabilities pass', version: '1.0', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'] } })] }) },
  ],
  invalid: [
    {
      name: 'non-default capabilities, sorted; no CAP_ normalisation',
      version: '1.0',
      yaml: pod({ containers: [ctr('a', { capabilities: { add: ['SYS_ADMIN', 'CAP_CHOWN'] } }), ctr('b', { capabilities: { add: ['NET_RAW'] } })] }),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: null, message: 'non-default capabilities (containers "a", "b" must not include "CAP_CHOWN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)' }],
      output: null,
    },
    {
      name: 'restricted v1.21 still runs the baseline variant',
      version: '1.21',
      yaml: pod({ containers: [ctr('a', { capabilities: { add: ['NET_RAW'] } })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'non-default capabilities (container "a" must not include "NET_RAW" in securityContext.capabilities.add)' }],
      output: null,
    },
    {
      name: 'baseline v1.22 keeps it',
      version: '1.22',
      yaml: pod({ containers: [ctr('a', { capabilities: { add: ['NET_RAW'] } })] }),
      params: { level: 'baseline' },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'non-default capabilities (container "a" must not include "NET_RAW" in securityContext.capabilities.add)' }],
      output: null,
    },
    {
      name: 'names are case-sensitive ("chown" is not CHOWN)',
      yaml: pod({ containers: [ctr('a', { capabilities: { add: ['chown'] } })] }),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'non-default capabilities (container "a" must not include "chown" in securityContext.capabilities.add)' }],
      output: null,
    },
    {
      name: 'init, regular and ephemeral in visiting order; each capability once',
      yaml: pod({ initContainers: [ctr('i', { capabilities: { add: ['NET_RAW'] } })], containers: [ctr('r', { capabilities: { add: ['NET_RAW', 'NET_ADMIN'] } })], ephemeralContainers: [ctr('e', { capabilities: { add: ['SYS_ADMIN'] } })] }),
      errors: [{ path: 'spec.initContainers[0].securityContext.capabilities.add[0]', container: null, message: 'non-default capabilities (containers "i", "r", "e" must not include "NET_ADMIN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)' }],
      output: null,
    },
  ],
});

