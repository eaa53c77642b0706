// Rule tests for apparmor-profile-missing: profile names declared in the files of a directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../test/support/check-run.js';
import { ctr, pod } from '../../test/support/pss.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

test('apparmor-profile-missing: hello-apparmor names a profile deny-write.apparmor declares', () => {
  const y = readFileSync(`${examples}hello-apparmor.yaml`, 'utf8');
  assert.deepEqual(runCheck('apparmor-profile-missing', y, { params: { apparmorProfileDir: examples } }).findings, []);
});

test('apparmor-profile-missing: a name no file declares is reported, field or annotation', () => {
  const y = pod({ containers: [ctr('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-apparmor-example-allow-write' } })] }, { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'localhost/nope' } });
  const r = runCheck('apparmor-profile-missing', y, { params: { apparmorProfileDir: examples } });
  assert.deepEqual(r.findings.map((f) => f.message.split(';')[0]), [
    `container "a" appArmorProfile: AppArmor profile "k8s-apparmor-example-allow-write" is not declared in ${examples} (declared: "k8s-apparmor-example-deny-write")`,
    `annotation container.apparmor.security.beta.kubernetes.io/a: AppArmor profile "nope" is not declared in ${examples} (declared: "k8s-apparmor-example-deny-write")`,
  ]);
});

test('apparmor-profile-missing: without a directory, only file-path-looking names and a missing name', () => {
  const y = pod({ containers: [ctr('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'profiles/deny-write.apparmor' } }), ctr('b', { appArmorProfile: { type: 'Localhost' } }), ctr('c', { appArmorProfile: { type: 'Localhost', localhostProfile: 'ok-name' } })] });
  assert.deepEqual(runCheck('apparmor-profile-missing', y).findings.map((f) => f.container), ['a', 'b']);
});
