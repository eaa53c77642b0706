// `mamori export vap` as users run it: YAML on stdout, notices on stderr, -o, --table, and usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureBuilt, mamori, scratch } from '../cli/run.js';

test('export vap prints policies and bindings, names what it leaves out, and writes -o files', () => {
  ensureBuilt();
  const dir = scratch({
    'mamori.yaml': 'policies:\n  privileged-container: { effect: Deny }\n  untrusted-registry: { parameters: { allowedContainerImagesRegex: "^[^/]+\\\\.azurecr\\\\.io/.+$" } }\n',
  });
  try {
    const r = mamori(['export', 'vap', '-c', join(dir, 'mamori.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: { validationActions?: string[] } });
    assert.equal(docs.filter((d) => d.kind === 'ValidatingAdmissionPolicy').length, docs.filter((d) => d.kind === 'ValidatingAdmissionPolicyBinding').length);
    assert.deepEqual(docs.find((d) => d.kind === 'ValidatingAdmissionPolicyBinding' && d.metadata.name === 'mamori-privileged-container')?.spec.validationActions, ['Deny']);
    assert.ok(docs.some((d) => d.metadata.name === 'mamori-untrusted-registry'));
    assert.match(r.stderr, /^mamori export vap: disallowed-service-port: not exported: needs configuration/m);
    assert.match(r.stderr, /^mamori export vap: misplaced-security-context-field: not exported: /m);

    const o = mamori(['export', 'vap', '-c', join(dir, 'mamori.yaml'), '-o', join(dir, 'vap.yaml')]);
    assert.equal(o.code, 0, o.stderr);
    assert.equal(o.stdout, '');
    assert.equal(readFileSync(join(dir, 'vap.yaml'), 'utf8'), r.stdout);

    const table = mamori(['export', 'vap', '-p', 'nsa', '--table']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^nsa-network-policy\tnot exported\tdepends on the NetworkPolicy objects/m);
    assert.match(table.stdout, /^nsa-privileged\texact$/m);

    const bad = mamori(['export', 'vap', '--policy', 'no-such-check']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--policy no-such-check: unknown policy id/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
