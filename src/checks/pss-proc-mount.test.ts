// Rule tests for pss-proc-mount, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-proc-mount.js';

ruleTester(check, {
  valid: [
    { name: 'Default and unset pass', version: '1.0', yaml: pod({ containers: [ctr('a', { procMount: 'Default' }), ctr('b')] }) },
    { name: 'v1.35: hostUsers false relaxes baseline', version: '1.35', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }) },
    { name: 'restricted v1.35: replaced by procMount_restricted', version: '1.35', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), params: { level: 'restricted' } },
  ],
  invalid: [
    {
      name: 'Unmasked fails',
      version: '1.0',
      yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }),
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: 'a', message: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
      output: null,
    },
    {
      name: 'v1.34: hostUsers false does not relax it',
      version: '1.34',
      yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }),
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: 'a', message: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
      output: null,
    },
    {
      name: 'v1.35: hostUsers true does not',
      version: '1.35',
      yaml: pod({ hostUsers: true, containers: [ctr('a', { procMount: 'Unmasked' })] }),
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: 'a', message: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
      output: null,
    },
    {
      name: 'restricted v1.34 runs the baseline variant',
      version: '1.34',
      yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: 'a', message: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
      output: null,
    },
    {
      name: 'several containers and values: names in visiting order, values sorted',
      version: '1.0',
      yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })], ephemeralContainers: [ctr('e', { procMount: 'Other' })] }),
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: null, message: 'procMount (containers "a", "e" must not set securityContext.procMount to "Other", "Unmasked")' }],
      output: null,
    },
    {
      name: 'v1.35: unset hostUsers is the host user namespace (no relaxation)',
      version: '1.35',
      yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }),
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: 'a', message: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
      output: null,
    },
  ],
});

