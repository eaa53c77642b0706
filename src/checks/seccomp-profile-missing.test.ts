// Rule tests for seccomp-profile-missing over the seed's examples and the examples directory as a profile root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../test/support/check-run.js';
import { ctr, pod } from '../../test/support/pss.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const read = (f: string) => readFileSync(`${examples}${f}`, 'utf8');

test('seccomp-profile-missing: chmod-prevented (field and legacy annotation) against the examples directory', () => {
  for (const f of ['chmod-prevented.yaml', 'chmod-prevented-legacy.yaml']) {
    const r = runCheck('seccomp-profile-missing', read(f), { params: { seccompProfileRoot: examples } });
    assert.equal(r.findings.length, 1, f);
    assert.match(r.findings[0]!.message, /Localhost profile "prevent-chmod" is missing from .*\(prevent-chmod\.json exists there: the kubelet does not add "\.json", write localhostProfile: prevent-chmod\.json\)/);
  }
});

test('seccomp-profile-missing: a profile that exists passes; without a root only the form is checked', () => {
  const y = pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'prevent-chmod.json' } } });
  assert.deepEqual(runCheck('seccomp-profile-missing', y, { params: { seccompProfileRoot: examples } }).findings, []);
  assert.deepEqual(runCheck('seccomp-profile-missing', read('chmod-prevented.yaml')).findings, []);
});

test('seccomp-profile-missing: bad forms are reported without a root', () => {
  const y = pod({ containers: [ctr('a', { seccompProfile: { type: 'Localhost' } }), ctr('b', { seccompProfile: { type: 'Localhost', localhostProfile: '/abs.json' } }), ctr('c', { seccompProfile: { type: 'Localhost', localhostProfile: 'x/../../y.json' } }), ctr('d', { seccompProfile: { type: 'Localhost', localhostProfile: 'localhost/p.json' } })] });
  assert.deepEqual(runCheck('seccomp-profile-missing', y).findings.map((f) => f.container), ['a', 'b', 'c', 'd']);
});
