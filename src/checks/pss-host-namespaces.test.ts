// Rule tests for pss-host-namespaces, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-host-namespaces.js';

ruleTester(check, {
  valid: [
    { name: 'false and unset pass', version: '1.0', yaml: pod({ hostNetwork: false }) },
  ],
  invalid: [
    {
      name: 'only the offending ones, in PSA order',
      version: '1.0',
      yaml: pod({ hostIPC: true, hostNetwork: true, hostPID: false }),
      errors: [{ path: 'spec.hostNetwork', container: null, message: 'host namespaces (hostNetwork=true, hostIPC=true)', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'all three (latest)',
      yaml: pod({ hostPID: true, hostIPC: true, hostNetwork: true }),
      errors: [{ path: 'spec.hostNetwork', container: null, message: 'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)', change: 'remove-host-namespaces' }],
      output: null,
    },
    {
      name: 'restricted runs it too',
      version: '1.0',
      yaml: pod({ hostIPC: true, securityContext: { runAsNonRoot: true } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.hostIPC', container: null, message: 'host namespaces (hostIPC=true)', change: 'remove-host-namespaces' }],
      output: null,
    },
  ],
});

