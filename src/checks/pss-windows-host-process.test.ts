// Rule tests for pss-windows-host-process, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-windows-host-process.js';

ruleTester(check, {
  valid: [
    { name: 'false and unset pass', version: '1.0', yaml: pod({ securityContext: { windowsOptions: { hostProcess: false } } }) },
  ],
  invalid: [
    {
      name: 'pod and containers',
      version: '1.0',
      yaml: pod({ securityContext: { windowsOptions: { hostProcess: true } }, containers: [ctr('a', { windowsOptions: { hostProcess: true } }), ctr('b', { windowsOptions: { hostProcess: true } })] }),
      errors: [{ path: 'spec.securityContext.windowsOptions.hostProcess', container: null, message: 'hostProcess (pod and containers "a", "b" must not set securityContext.windowsOptions.hostProcess=true)' }],
      output: null,
    },
    {
      name: 'containers only, every class in visiting order',
      yaml: pod({ containers: [ctr('r', { windowsOptions: { hostProcess: true } })], initContainers: [ctr('i', { windowsOptions: { hostProcess: true } })], ephemeralContainers: [ctr('e', { windowsOptions: { hostProcess: true } })] }),
      errors: [{ path: 'spec.initContainers[0].securityContext.windowsOptions.hostProcess', container: null, message: 'hostProcess (containers "i", "r", "e" must not set securityContext.windowsOptions.hostProcess=true)' }],
      output: null,
    },
    {
      name: 'pod only; Windows pods are judged (no exemption)',
      yaml: pod({ os: { name: 'windows' }, hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } } }),
      errors: [{ path: 'spec.securityContext.windowsOptions.hostProcess', container: null, message: 'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)' }],
      output: null,
    },
  ],
});

