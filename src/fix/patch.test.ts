// Strategic-merge patches and snippets from fix ops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strategicPatch } from './patch.js';
import { snippetText } from '../formatters/snippet.js';
import { normalizeOps, applyToValue } from './ops.js';

const deploy = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'n', labels: { a: 'b' } },
  spec: { template: { spec: { hostPID: true, containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y', securityContext: { privileged: true } }], volumes: [{ name: 'h', hostPath: { path: '/' } }] } } },
};

test('patch: merge-keyed lists name their items; removals are null or $patch: delete', () => {
  const p = strategicPatch(deploy, [
    { op: 'set', path: ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'privileged'], value: false },
    { op: 'set', path: ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
    { op: 'remove', path: ['spec', 'template', 'spec', 'hostPID'] },
    { op: 'remove', path: ['spec', 'template', 'spec', 'volumes', 0] },
  ]);
  assert.deepEqual(p, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'n' },
    spec: { template: { spec: {
      containers: [{ name: 'b', securityContext: { privileged: false, capabilities: { drop: ['ALL'] } } }],
      hostPID: null,
      volumes: [{ name: 'h', $patch: 'delete' }],
    } } },
  });
});

test('ops: duplicates merge, disagreements are reported, removals go last from the highest index', () => {
  const n = normalizeOps([
    { op: 'remove', path: ['v', 0] },
    { op: 'set', path: ['a'], value: 1 },
    { op: 'set', path: ['a'], value: 1 },
    { op: 'set', path: ['a'], value: 2 },
    { op: 'remove', path: ['v', 2] },
  ]);
  assert.deepEqual(n.ops.map((o) => o.path.join('.')), ['a', 'v.2', 'v.0']);
  assert.equal(n.conflicts.length, 1);
  assert.deepEqual(applyToValue({ v: [0, 1, 2, 3] }, n.ops), { a: 1, v: [1, 3] });
});

test('snippet: grouped under the container, removals as comments', () => {
  assert.equal(snippetText([
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false },
    { op: 'remove', path: ['spec', 'hostPID'] },
  ]), '# spec.containers[0]\nsecurityContext:\n  privileged: false\n\n# spec\n# remove: hostPID');
});
