// Rule tests for pss-capabilities-restricted, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, good, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-capabilities-restricted.js';

ruleTester(check, {
  valid: [
    { name: 'v1.21: not a check yet', version: '1.21', yaml: pod({}), params: { level: 'restricted' } },
    { name: 'v1.25: os.name windows exempt', version: '1.25', yaml: pod({ os: { name: 'windows' } }), params: { level: 'restricted' } },
    { name: 'not part of baseline', yaml: pod({}), params: { level: 'baseline' } },
  ],
  invalid: [
    {
      name: 'v1.22: missing drop ALL',
      version: '1.22',
      yaml: pod({ containers: [ctr('a'), ctr('b', { capabilities: { drop: ['all'] } }), ctr('c', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities', container: null, message: 'unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"])', change: 'drop-all-capabilities' }],
      output: null,
    },
    {
      name: 'v1.22: both parts',
      version: '1.22',
      yaml: pod({ containers: [ctr('a', { capabilities: { add: ['SYS_ADMIN', 'CHOWN'] } })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.drop', container: 'a', message: 'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add)', change: 'drop-all-capabilities' }],
      output: null,
    },
    {
      name: 'v1.24: Windows pods are not exempt yet',
      version: '1.24',
      yaml: pod({ os: { name: 'windows' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities', container: 'c', message: 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"])', change: 'drop-all-capabilities' }],
      output: null,
    },
    {
      name: 'drop ALL with only a forbidden add: only the add part',
      yaml: pod({ containers: [ctr('a', { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE'] } })] }),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add', container: 'a', message: 'unrestricted capabilities (container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add)' }],
      output: null,
    },
    {
      name: 'CAP_ALL does not count; an empty capabilities block fails',
      yaml: pod({ containers: [ctr('a', { capabilities: { drop: ['CAP_ALL'] } }), ctr('b', { capabilities: {} })] }),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.drop', container: null, message: 'unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"])', change: 'drop-all-capabilities' }],
      output: null,
    },
    {
      name: 'init and ephemeral containers too, in visiting order',
      yaml: pod({ initContainers: [ctr('i')], containers: [good('r')], ephemeralContainers: [ctr('e', { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } })] }),
      errors: [{ path: 'spec.initContainers[0].securityContext.capabilities', container: null, message: 'unrestricted capabilities (container "i" must set securityContext.capabilities.drop=["ALL"]; container "e" must not include "NET_RAW" in securityContext.capabilities.add)', change: 'drop-all-capabilities' }],
      output: null,
    },
    {
      name: 'v1.25: os.name linux is not exempt',
      version: '1.25',
      yaml: pod({ os: { name: 'linux' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities', container: 'c', message: 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"])', change: 'drop-all-capabilities' }],
      output: null,
    },
  ],
});

