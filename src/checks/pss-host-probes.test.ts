// Rule tests for pss-host-probes, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, good, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-host-probes.js';

ruleTester(check, {
  valid: [
    { name: 'v1.33: not a check yet', version: '1.33', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } })] }) },
    { name: 'v1.34: empty host and exec pass', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { readinessProbe: { httpGet: { host: '', port: 80 } }, startupProbe: { exec: { command: ['true'] } } })] }) },
    { name: 'gRPC probes and sleep hooks have no host field', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { grpc: { port: 80 } }, lifecycle: { preStop: { sleep: { seconds: 1 } } } })] }) },
  ],
  invalid: [
    {
      name: 'v1.34: probe host fails',
      version: '1.34',
      yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } })] }),
      errors: [{ path: 'spec.containers[0].livenessProbe.httpGet.host', container: 'a', message: 'probe or lifecycle host (container "a" uses probe or lifecycle host "10.0.0.1")' }],
      output: null,
    },
    {
      name: 'latest: lifecycle and tcpSocket hosts; names and hosts sorted (PSA sets)',
      yaml: pod({ containers: [ctr('b', undefined, { lifecycle: { preStop: { tcpSocket: { host: 'z.example', port: 1 } } } }), ctr('a', undefined, { startupProbe: { tcpSocket: { host: 'a.example', port: 1 } } })] }),
      errors: [{ path: 'spec.containers[0].lifecycle.preStop.tcpSocket.host', container: null, message: 'probe or lifecycle host (containers "a", "b" use probe or lifecycle hosts "a.example", "z.example")' }],
      output: null,
    },
    {
      name: 'init containers are sorted in with the others (PSA sorts, it does not keep visiting order)',
      version: '1.34',
      yaml: pod({ containers: [ctr('a', undefined, { readinessProbe: { httpGet: { host: 'h', port: 80 } } })], initContainers: [ctr('z', undefined, { lifecycle: { postStart: { httpGet: { host: 'h', port: 80 } } } })] }),
      errors: [{ path: 'spec.initContainers[0].lifecycle.postStart.httpGet.host', container: null, message: 'probe or lifecycle host (containers "a", "z" use probe or lifecycle host "h")' }],
      output: null,
    },
    {
      name: 'several hosts in one container are one name; duplicate hosts count once',
      version: '1.34',
      yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: 'h2', port: 80 } }, readinessProbe: { tcpSocket: { host: 'h1', port: 80 } }, lifecycle: { preStop: { httpGet: { host: 'h1', port: 80 } } } })] }),
      errors: [{ path: 'spec.containers[0].livenessProbe.httpGet.host', container: 'a', message: 'probe or lifecycle host (container "a" uses probe or lifecycle hosts "h1", "h2")' }],
      output: null,
    },
    {
      name: 'restricted runs it too (a baseline check)',
      version: '1.34',
      yaml: pod({ containers: [good('a', { livenessProbe: { httpGet: { host: 'h', port: 80 } } })], securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].livenessProbe.httpGet.host', container: 'a', message: 'probe or lifecycle host (container "a" uses probe or lifecycle host "h")' }],
      output: null,
    },
  ],
});

