// Rule tests for pss-host-path-volumes, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-host-path-volumes.js';

ruleTester(check, {
  valid: [
    { name: 'other volumes pass', version: '1.0', yaml: pod({ volumes: [{ name: 'e', emptyDir: {} }] }) },
    { name: 'restricted never runs it (restrictedVolumes overrides from v1.0)', version: '1.0', yaml: pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), params: { level: 'restricted' } },
    { name: 'restricted at latest never runs it either', yaml: pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), params: { level: 'restricted' } },
  ],
  invalid: [
    {
      name: 'hostPath volumes are named',
      version: '1.0',
      yaml: pod({ volumes: [{ name: 'h1', hostPath: { path: '/' } }, { name: 'e', emptyDir: {} }, { name: 'h2', hostPath: { path: '/var' } }] }),
      errors: [{ path: 'spec.volumes[0].hostPath', container: null, message: 'hostPath volumes (volumes "h1", "h2")' }],
      output: null,
    },
    {
      name: 'one volume (singular)',
      yaml: pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }),
      errors: [{ path: 'spec.volumes[0].hostPath', container: null, message: 'hostPath volumes (volume "h")' }],
      output: null,
    },
  ],
});

