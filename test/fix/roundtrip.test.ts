// Hand-written tricky manifests: fixing them gives exactly the reviewed output, changes only fixed paths, and a second fix changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config, fixInMemory, scanText } from './fixtures.js';
import { parseManifests } from '../../src/source/load.js';
import { applyToValue, diffPaths } from '../../src/fix/ops.js';

const dir = join(import.meta.dirname, '../fixtures/fix');
const FIXTURES = ['comments.yaml', 'flow.yaml', 'anchors.yaml', 'crlf.yaml', 'multi.yaml', 'indent4.yaml', 'pretty.json'];
for (const name of FIXTURES) {
  test(`round trip: ${name}`, () => {
    const cfg = config();
    const input = readFileSync(join(dir, name), 'utf8');
    const golden = readFileSync(join(dir, name.replace(/\.(yaml|json)$/, '.fixed.$1')), 'utf8');
    const r = fixInMemory(cfg, name, input);
    assert.equal(r.text, golden, 'fixed text differs from the reviewed output');
    assert.ok(r.changed);

    // Only the fixed paths differ between the objects before and after.
    const before = parseManifests(name, input.replace(/^\ufeff/, '')).objects;
    const after = parseManifests(name, r.text.replace(/^\ufeff/, '')).objects;
    assert.equal(after.length, before.length);
    before.forEach((o, i) => {
      const edit = r.edits.find((e) => e.doc === o.doc && e.basePath.join('.') === o.basePath.join('.'));
      const refused = r.problems.some((p) => p.doc === o.doc);
      if (!edit) { assert.deepEqual(after[i]!.object, o.object); return; }
      if (refused) return;
      assert.deepEqual(diffPaths(applyToValue(o.object, edit.ops), after[i]!.object), []);
    });

    // Idempotent: the fixed text has nothing left that a fix could change.
    const again = fixInMemory(cfg, name, r.text);
    assert.equal(again.changed, false);
    assert.equal(again.text, r.text);

    // Line ends and byte-order mark survive.
    assert.equal(r.text.includes('\r\n'), input.includes('\r\n'));
    assert.equal(r.text.charCodeAt(0) === 0xfeff, input.charCodeAt(0) === 0xfeff);

    // Nothing a safe fix covers remains, except where the file shares the node through an anchor.
    const left = scanText(cfg, name, r.text).findings.filter((f) => f.status === 'open' && (f.fix?.length || f.suggestion?.ops.length));
    if (name === 'anchors.yaml') {
      assert.ok(r.problems.length >= 1, 'the alias-shared securityContext must be reported');
      assert.ok(left.every((f) => f.resource.name === 'anchored'));
    } else {
      assert.deepEqual(left.map((f) => `${f.policyId} ${f.path}`), []);
    }
  });
}

test('round trip: every line that no op touches stays byte for byte (comments.yaml)', () => {
  const input = readFileSync(join(dir, 'comments.yaml'), 'utf8');
  const r = fixInMemory(config(), 'comments.yaml', input);
  const out = new Set(r.text.split('\n'));
  const gone = input.split('\n').filter((l) => !out.has(l));
  // Only the lines of the fixed values (and the removed hostPID) are gone; every comment line stays.
  assert.deepEqual(gone, [
    '      hostPID: true   # needed once for debugging',
    '            privileged: true # was needed for the old image',
    '            allowPrivilegeEscalation: true',
  ]);
});
