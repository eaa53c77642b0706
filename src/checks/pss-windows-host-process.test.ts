// Table test for pss-windows-host-process, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'false and unset pass', version: '1.0', yaml: pod({ securityContext: { windowsOptions: { hostProcess: false } } }), want: [] },
  { name: 'pod and containers', version: '1.0', yaml: pod({ securityContext: { windowsOptions: { hostProcess: true } }, containers: [ctr('a', { windowsOptions: { hostProcess: true } }), ctr('b', { windowsOptions: { hostProcess: true } })] }), want: ['hostProcess (pod and containers "a", "b" must not set securityContext.windowsOptions.hostProcess=true)'] },
  { name: 'containers only, every class in visiting order', yaml: pod({ containers: [ctr('r', { windowsOptions: { hostProcess: true } })], initContainers: [ctr('i', { windowsOptions: { hostProcess: true } })], ephemeralContainers: [ctr('e', { windowsOptions: { hostProcess: true } })] }), want: ['hostProcess (containers "i", "r", "e" must not set securityContext.windowsOptions.hostProcess=true)'] },
  { name: 'pod only; Windows pods are judged (no exemption)', yaml: pod({ os: { name: 'windows' }, hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } } }), want: ['hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)'] },
];

for (const c of cases) {
  test(`pss-windows-host-process: ${c.name}`, () => assert.deepEqual(messages('pss-windows-host-process', c.yaml, c.version, c.level), c.want));
}
