// Table test for pss-host-probes, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, good, messages, pod, type Case } from './pss/testing.js';

const cases: Case[] = [
  { name: 'v1.33: not a check yet', version: '1.33', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } })] }), want: [] },
  { name: 'v1.34: probe host fails', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } })] }), want: ['probe or lifecycle host (container "a" uses probe or lifecycle host "10.0.0.1")'] },
  { name: 'v1.34: empty host and exec pass', version: '1.34', yaml: pod({ containers: [ctr('a', undefined, { readinessProbe: { httpGet: { host: '', port: 80 } }, startupProbe: { exec: { command: ['true'] } } })] }), want: [] },
  { name: 'latest: lifecycle and tcpSocket hosts, names and hosts sorted', yaml: pod({ containers: [ctr('b', undefined, { lifecycle: { preStop: { tcpSocket: { host: 'z.example', port: 1 } } } }), ctr('a', undefined, { startupProbe: { tcpSocket: { host: 'a.example', port: 1 } } })] }), want: ['probe or lifecycle host (containers "a", "b" use probe or lifecycle hosts "a.example", "z.example")'] },
];

for (const c of cases) {
  test(`pss-host-probes: ${c.name}`, () => assert.deepEqual(messages('pss-host-probes', c.yaml, c.version, c.level), c.want));
}
