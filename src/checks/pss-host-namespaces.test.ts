// Table test for pss-host-namespaces, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'false and unset pass', version: '1.0', yaml: pod({ hostNetwork: false }), want: [] },
  { name: 'only the offending ones, in PSA order', version: '1.0', yaml: pod({ hostIPC: true, hostNetwork: true, hostPID: false }), want: ['host namespaces (hostNetwork=true, hostIPC=true)'] },
  { name: 'all three (latest)', yaml: pod({ hostPID: true, hostIPC: true, hostNetwork: true }), want: ['host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)'] },
  { name: 'restricted runs it too', level: 'restricted', version: '1.0', yaml: pod({ hostIPC: true, securityContext: { runAsNonRoot: true } }), want: ['host namespaces (hostIPC=true)'] },
];

for (const c of cases) {
  test(`pss-host-namespaces: ${c.name}`, () => assert.deepEqual(messages('pss-host-namespaces', c.yaml, c.version, c.level), c.want));
}
