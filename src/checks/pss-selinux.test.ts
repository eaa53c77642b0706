// Rule tests for pss-selinux, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-selinux.js';

ruleTester(check, {
  valid: [
    { name: 'allowed types and level pass', version: '1.0', yaml: pod({ securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1' } }, containers: [ctr('a', { seLinuxOptions: { type: 'container_kvm_t' } })] }) },
    { name: 'v1.31: container_engine_t allowed', version: '1.31', yaml: pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_engine_t' } })] }) },
    { name: 'v1.0: container_init_t, empty type and level-only pass', version: '1.0', yaml: pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_init_t' } }), ctr('b', { seLinuxOptions: { level: 's0' } })] }) },
  ],
  invalid: [
    {
      name: 'v1.30: container_engine_t is not allowed yet',
      version: '1.30',
      yaml: pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_engine_t' } })] }),
      errors: [{ path: 'spec.containers[0].securityContext.seLinuxOptions.type', container: 'a', message: 'seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t")' }],
      output: null,
    },
    {
      name: 'pod and container, types, user and role',
      yaml: pod({ securityContext: { seLinuxOptions: { type: 'spc_t', user: 'u' } }, containers: [ctr('a', { seLinuxOptions: { role: 'r', type: 'other_t' } })] }),
      errors: [{ path: 'spec.securityContext.seLinuxOptions.type', container: null, message: 'seLinuxOptions (pod and container "a" set forbidden securityContext.seLinuxOptions: types "other_t", "spc_t"; user may not be set; role may not be set)' }],
      output: null,
    },
    {
      name: 'user alone (no type list in the detail)',
      version: '1.0',
      yaml: pod({ containers: [ctr('a', { seLinuxOptions: { user: 'system_u' } })] }),
      errors: [{ path: 'spec.containers[0].securityContext.seLinuxOptions.user', container: 'a', message: 'seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: user may not be set)' }],
      output: null,
    },
    {
      name: 'several containers incl. init and ephemeral, in visiting order',
      yaml: pod({ initContainers: [ctr('i', { seLinuxOptions: { role: 'r' } })], containers: [ctr('r', { seLinuxOptions: { type: 'spc_t' } })], ephemeralContainers: [ctr('e', { seLinuxOptions: { type: 'spc_t' } })] }),
      errors: [{ path: 'spec.initContainers[0].securityContext.seLinuxOptions.role', container: null, message: 'seLinuxOptions (containers "i", "r", "e" set forbidden securityContext.seLinuxOptions: type "spc_t"; role may not be set)' }],
      output: null,
    },
  ],
});

