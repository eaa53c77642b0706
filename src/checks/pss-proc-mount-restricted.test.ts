// Rule tests for pss-proc-mount-restricted, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-proc-mount-restricted.js';

ruleTester(check, {
  valid: [
    { name: 'v1.34: not a check yet', version: '1.34', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }), params: { level: 'restricted' } },
    { name: 'v1.35: Default passes', version: '1.35', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Default' })] }), params: { level: 'restricted' } },
    { name: 'not part of baseline', version: '1.35', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), params: { level: 'baseline' } },
  ],
  invalid: [
    {
      name: 'v1.35: fails even with hostUsers false',
      version: '1.35',
      yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: 'a', message: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
      output: null,
    },
    {
      name: 'latest: same message as the baseline check',
      yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.procMount', container: 'a', message: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")' }],
      output: null,
    },
  ],
});

