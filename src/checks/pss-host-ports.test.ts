// Table test for pss-host-ports, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, good, messages, pod, type Case } from './pss/testing.js';

const cases: Case[] = [
  { name: 'hostPort 0 and unset pass', version: '1.0', yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }] })] }), want: [] },
  { name: 'one port', version: '1.0', yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] })] }), want: ['hostPort (container "a" uses hostPort 8080)'] },
  { name: 'ports sorted as strings, containers in visiting order', yaml: pod({ containers: [ctr('b', undefined, { ports: [{ containerPort: 1, hostPort: 80 }] })], initContainers: [ctr('a', undefined, { ports: [{ containerPort: 1, hostPort: 443 }] })] }), want: ['hostPort (containers "a", "b" use hostPorts 443, 80)'] },
  { name: 'one container, several ports: sorted as strings', yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 1, hostPort: 9000 }, { containerPort: 2, hostPort: 10000 }] })] }), want: ['hostPort (container "a" uses hostPorts 10000, 9000)'] },
  { name: 'the same port in two containers is listed once', yaml: pod({ containers: [ctr('a', undefined, { ports: [{ containerPort: 1, hostPort: 80 }] }), ctr('b', undefined, { ports: [{ containerPort: 1, hostPort: 80 }] })] }), want: ['hostPort (containers "a", "b" use hostPort 80)'] },
  { name: 'ephemeral containers are checked', yaml: pod({ ephemeralContainers: [ctr('e', undefined, { ports: [{ containerPort: 1, hostPort: 22 }] })] }), want: ['hostPort (container "e" uses hostPort 22)'] },
  { name: 'restricted runs it too', level: 'restricted', yaml: pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a', { ports: [{ containerPort: 1, hostPort: 80 }] })] }), want: ['hostPort (container "a" uses hostPort 80)'] },
];

for (const c of cases) {
  test(`pss-host-ports: ${c.name}`, () => assert.deepEqual(messages('pss-host-ports', c.yaml, c.version, c.level), c.want));
}
