// docs/fix.md promises that the dry-run diff of `mamori fix` is a patch `git apply` takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mamori, scratch } from './run.js';

test('fix: the dry-run diff applies with git apply and gives the same file as --write', () => {
  const pod = '# a comment that stays\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: apps\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: true\n';
  const dir = scratch({ 'k8s/pod.yaml': pod });
  const dry = mamori(['fix', 'k8s', '--policy', 'privileged-container', '--risk', 'all'], { cwd: dir });
  assert.match(dry.stdout, /^--- a\/k8s\/pod\.yaml/m);
  assert.equal(readFileSync(join(dir, 'k8s/pod.yaml'), 'utf8'), pod, 'a dry run changes nothing');
  const apply = spawnSync('git', ['apply', '-'], { cwd: dir, input: dry.stdout, encoding: 'utf8' });
  assert.equal(apply.status, 0, apply.stderr);
  const patched = readFileSync(join(dir, 'k8s/pod.yaml'), 'utf8');
  assert.match(patched, /privileged: false/);
  assert.match(patched, /^# a comment that stays$/m);
  const other = scratch({ 'k8s/pod.yaml': pod });
  mamori(['fix', 'k8s', '--policy', 'privileged-container', '--risk', 'all', '--write'], { cwd: other });
  assert.equal(readFileSync(join(other, 'k8s/pod.yaml'), 'utf8'), patched);
});
