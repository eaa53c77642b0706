// Table test for pss-host-probes, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, good, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'v1.33: not a check yet', version: '1.33', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } })] }), want: [] },
  { name: 'v1.34: probe host fails', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } })] }), want: ['probe or lifecycle host (container "a" uses probe or lifecycle host "10.0.0.1")'] },
  { name: 'v1.34: empty host and exec pass', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { readinessProbe: { httpGet: { host: '', port: 80 } }, startupProbe: { exec: { command: ['true'] } } })] }), want: [] },
  // PSA appends container names as it visits them (init, regular, ephemeral); only the hosts form a sorted set
  { name: 'latest: lifecycle and tcpSocket hosts; names and hosts sorted (PSA sets)', yaml: pod({ containers: [ctr('b', undefined, { lifecycle: { preStop: { tcpSocket: { host: 'z.example', port: 1 } } } }), ctr('a', undefined, { startupProbe: { tcpSocket: { host: 'a.example', port: 1 } } })] }), want: ['probe or lifecycle host (containers "a", "b" use probe or lifecycle hosts "a.example", "z.example")'] },
  { name: 'init containers are sorted in with the others (PSA sorts, it does not keep visiting order)', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { readinessProbe: { httpGet: { host: 'h', port: 80 } } })], initContainers: [ctr('z', undefined, { lifecycle: { postStart: { httpGet: { host: 'h', port: 80 } } } })] }), want: ['probe or lifecycle host (containers "a", "z" use probe or lifecycle host "h")'] },
  { name: 'several hosts in one container are one name; duplicate hosts count once', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: 'h2', port: 80 } }, readinessProbe: { tcpSocket: { host: 'h1', port: 80 } }, lifecycle: { preStop: { httpGet: { host: 'h1', port: 80 } } } })] }), want: ['probe or lifecycle host (container "a" uses probe or lifecycle hosts "h1", "h2")'] },
  { name: 'gRPC probes and sleep hooks have no host field', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { grpc: { port: 80 } }, lifecycle: { preStop: { sleep: { seconds: 1 } } } })] }), want: [] },
  { name: 'restricted runs it too (a baseline check)', version: '1.34', level: 'restricted', yaml: pod({ containers: [good('a', { livenessProbe: { httpGet: { host: 'h', port: 80 } } })], securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }), want: ['probe or lifecycle host (container "a" uses probe or lifecycle host "h")'] },
];

for (const c of cases) {
  test(`pss-host-probes: ${c.name}`, () => assert.deepEqual(messages('pss-host-probes', c.yaml, c.version, c.level), c.want));
}
