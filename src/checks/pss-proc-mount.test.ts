// Table test for pss-proc-mount, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'Default and unset pass', version: '1.0', yaml: pod({ containers: [ctr('a', { procMount: 'Default' }), ctr('b')] }), want: [] },
  { name: 'Unmasked fails', version: '1.0', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), want: ['procMount (container "a" must not set securityContext.procMount to "Unmasked")'] },
  { name: 'v1.34: hostUsers false does not relax it', version: '1.34', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }), want: ['procMount (container "a" must not set securityContext.procMount to "Unmasked")'] },
  { name: 'v1.35: hostUsers false relaxes baseline', version: '1.35', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }), want: [] },
  { name: 'v1.35: hostUsers true does not', version: '1.35', yaml: pod({ hostUsers: true, containers: [ctr('a', { procMount: 'Unmasked' })] }), want: ['procMount (container "a" must not set securityContext.procMount to "Unmasked")'] },
  { name: 'restricted v1.34 runs the baseline variant', version: '1.34', level: 'restricted', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), want: ['procMount (container "a" must not set securityContext.procMount to "Unmasked")'] },
  { name: 'restricted v1.35: replaced by procMount_restricted', version: '1.35', level: 'restricted', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), want: [] },
  { name: 'several containers and values: names in visiting order, values sorted', version: '1.0', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })], ephemeralContainers: [ctr('e', { procMount: 'Other' })] }), want: ['procMount (containers "a", "e" must not set securityContext.procMount to "Other", "Unmasked")'] },
  { name: 'v1.35: unset hostUsers is the host user namespace (no relaxation)', version: '1.35', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), want: ['procMount (container "a" must not set securityContext.procMount to "Unmasked")'] },
];

for (const c of cases) {
  test(`pss-proc-mount: ${c.name}`, () => assert.deepEqual(messages('pss-proc-mount', c.yaml, c.version, c.level), c.want));
}
