// Table test for pss-host-path-volumes, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'other volumes pass', version: '1.0', yaml: pod({ volumes: [{ name: 'e', emptyDir: {} }] }), want: [] },
  { name: 'hostPath volumes are named', version: '1.0', yaml: pod({ volumes: [{ name: 'h1', hostPath: { path: '/' } }, { name: 'e', emptyDir: {} }, { name: 'h2', hostPath: { path: '/var' } }] }), want: ['hostPath volumes (volumes "h1", "h2")'] },
  { name: 'restricted never runs it (restrictedVolumes overrides from v1.0)', version: '1.0', level: 'restricted', yaml: pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), want: [] },
  { name: 'one volume (singular)', yaml: pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), want: ['hostPath volumes (volume "h")'] },
  { name: 'restricted at latest never runs it either', level: 'restricted', yaml: pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), want: [] },
];

for (const c of cases) {
  test(`pss-host-path-volumes: ${c.name}`, () => assert.deepEqual(messages('pss-host-path-volumes', c.yaml, c.version, c.level), c.want));
}
