// Rule tests for pss-host-ports, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, good, messages, pod, run } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-host-ports.js';

ruleTester(check, {
  valid: [
    { name: 'hostPort 0 and unset pass', version: '1.0', yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }] })] }) },
    { name: 'hostNetwork Pod: ephemeral containers are not defaulted', yaml: pod({ hostNetwork: true, ephemeralContainers: [ctr('e', undefined, { ports: [{ containerPort: 22 }] })] }) },
    { name: 'hostNetwork false: containerPort alone is no hostPort', yaml: pod({ hostNetwork: false, containers: [ctr('a', undefined, { ports: [{ containerPort: 80 }] })] }) },
  ],
  invalid: [
    {
      name: 'one port',
      version: '1.0',
      yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] })] }),
      errors: [{ path: 'spec.containers[0].ports[0].hostPort', container: 'a', message: 'hostPort (container "a" uses hostPort 8080)' }],
      output: null,
    },
    {
      name: 'ports sorted as strings, containers in visiting order',
      yaml: pod({ containers: [ctr('b', undefined, { ports: [{ containerPort: 1, hostPort: 80 }] })], initContainers: [ctr('a', undefined, { ports: [{ containerPort: 1, hostPort: 443 }] })] }),
      errors: [{ path: 'spec.initContainers[0].ports[0].hostPort', container: null, message: 'hostPort (containers "a", "b" use hostPorts 443, 80)' }],
      output: null,
    },
    {
      name: 'one container, several ports: sorted as strings',
      yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 1, hostPort: 9000 }, { containerPort: 2, hostPort: 10000 }] })] }),
      errors: [{ path: 'spec.containers[0].ports[0].hostPort', container: 'a', message: 'hostPort (container "a" uses hostPorts 10000, 9000)' }],
      output: null,
    },
    {
      name: 'the same port in two containers is listed once',
      yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 1, hostPort: 80 }] }), ctr('b', undefined, { ports: [{ containerPort: 1, hostPort: 80 }] })] }),
      errors: [{ path: 'spec.containers[0].ports[0].hostPort', container: null, message: 'hostPort (containers "a", "b" use hostPort 80)' }],
      output: null,
    },
    {
      name: 'hostNetwork Pod: an unset hostPort is defaulted to the containerPort (init containers too), and PSA names it',
      yaml: pod({ hostNetwork: true, containers: [ctr('a', undefined, { ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 0 }] })], initContainers: [ctr('i', undefined, { ports: [{ containerPort: 53, protocol: 'UDP' }] })] }),
      errors: [{ path: 'spec.initContainers[0].ports[0].containerPort', container: null, message: 'hostPort (containers "i", "a" use hostPorts 53, 8080, 9090)' }],
      output: null,
    },
    {
      name: 'hostNetwork Pod: an explicit hostPort stays as written',
      yaml: pod({ hostNetwork: true, containers: [ctr('a', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] })] }),
      errors: [{ path: 'spec.containers[0].ports[0].hostPort', container: 'a', message: 'hostPort (container "a" uses hostPort 8080)' }],
      output: null,
    },
    {
      name: 'ephemeral containers are checked',
      yaml: pod({ ephemeralContainers: [ctr('e', undefined, { ports: [{ containerPort: 1, hostPort: 22 }] })] }),
      errors: [{ path: 'spec.ephemeralContainers[0].ports[0].hostPort', container: 'e', message: 'hostPort (container "e" uses hostPort 22)' }],
      output: null,
    },
    {
      name: 'restricted runs it too',
      yaml: pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a', { ports: [{ containerPort: 1, hostPort: 80 }] })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].ports[0].hostPort', container: 'a', message: 'hostPort (container "a" uses hostPort 80)' }],
      output: null,
    },
  ],
});

test('pss-host-ports: a Deployment template with hostNetwork is not defaulted (only Pods are), as PSA sees the Deployment', () => {
  const deployment = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: { spec: { hostNetwork: true, containers: [ctr('a', undefined, { ports: [{ containerPort: 80 }] })] } } } });
  assert.deepEqual(messages('pss-host-ports', deployment), []);
});

test('pss-host-ports: the finding of a defaulted port points at its containerPort', () => {
  const r = run('pss-host-ports', pod({ hostNetwork: true, containers: [ctr('a', undefined, { ports: [{ containerPort: 80 }] })] }), undefined);
  assert.deepEqual(r.findings.map((f) => f.path), ['spec.containers[0].ports[0].containerPort']);
});
