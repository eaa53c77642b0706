// YAML merge keys as kubectl reads them; every expected value below is what sigs.k8s.io/yaml v1.6.0 (go-yaml v2.4.3) printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasMergeKey, loadWithMerges } from './merge-keys.js';
import { parseManifests } from './load.js';
import { runProfile } from '../../test/support/pss.js';

const read = (y: string): unknown => {
  const r = loadWithMerges(y);
  if ('error' in r) throw new Error(r.error);
  return r.value;
};

const cases: [string, string, unknown][] = [
  ['an alias', 'x: &b {a: 1}\nz: {<<: *b, c: 2}', { x: { a: 1 }, z: { a: 1, c: 2 } }],
  ['an inline mapping', 'z: {<<: {privileged: true}}', { z: { privileged: true } }],
  ['a list: earlier entries win', 'x: &b {a: 1, c: 1}\nq: &c {a: 2, d: 2}\nz:\n  <<: [*b, *c]\n  e: 5', { x: { a: 1, c: 1 }, q: { a: 2, d: 2 }, z: { a: 1, c: 1, d: 2, e: 5 } }],
  ['an explicit key after the merge wins', '<<: {a: 2, b: 3}\na: 1', { a: 1, b: 3 }],
  ['go-yaml v2: a merge after an explicit key overwrites it', 'a: 1\n<<: {a: 2, b: 3}', { a: 2, b: 3 }],
  ['two merge keys: the later one writes last', 'z: {<<: {a: 1}, <<: {a: 2}}', { z: { a: 2 } }],
  ['a quoted "<<" is an ordinary key', 'z: {"<<": {a: 1}}', { z: { '<<': { a: 1 } } }],
  ['!!merge <<', 'z: {!!merge <<: {a: 1}}', { z: { a: 1 } }],
  ['nested merges, scalars resolved as kubectl resolves them', 'z: {<<: {<<: {a: 1}, a: 2, b: 0x10, c: "010", d: ~, e: !!str 5, f: yes}}', { z: { a: 2, b: 16, c: '010', d: null, e: '5', f: true } }],
  ['YAML 1.1 keys: y is true', 'a: {<<: [{x: 1, y: 1}, {x: 2, z: 2}], x: 3}', { a: { true: 1, x: 3, z: 2 } }],
];

for (const [name, yaml, want] of cases) {
  test(`merge keys: ${name}`, () => assert.deepEqual(read(yaml), want));
}

test('merge keys: what go-yaml refuses is an error with its line', () => {
  const errors: [string, string, number][] = [
    ['z: {<<: 3}', 'map merge requires map or sequence of maps as the value', 1],
    ['x: &s [1]\nz: {<<: *s}', 'map merge requires map or sequence of maps as the value', 2],
    ['z: {<<: [{a: 1}, [1]]}', 'map merge requires map or sequence of maps as the value', 1],
    ['z:\n  <<:\n', 'map merge requires map or sequence of maps as the value', 2],
    ['z:\n  - a\n  - <<: *q', 'unknown anchor "q"', 3],
    ['z: &r {<<: {k: 1}, r: *r}', 'anchor "r" value contains itself', 1],
  ];
  for (const [yaml, message, line] of errors) {
    const r = loadWithMerges(yaml);
    assert.ok('error' in r, yaml);
    assert.equal(r.error, `YAML does not parse: ${message}`, yaml);
    assert.equal(r.line, line, yaml);
  }
});

test('merge keys: a document nested too deeply for the stack is an input error, not a crash', () => {
  const deep = `z: {<<: {a: 1}}\nd: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`;
  const r = loadWithMerges(deep);
  assert.ok('error' in r);
  assert.match(r.error, /YAML does not parse/);
});

test('merge keys: a key written twice is still a duplicate key (as without merges)', () => {
  assert.deepEqual(loadWithMerges('z: {<<: {a: 1}, a: 2,\n  a: 3}'), { error: 'duplicate key: duplicated mapping key "a"', line: 2 });
});

test('merge keys: a "__proto__" key stays data', () => {
  const v = read('z: {<<: {__proto__: {polluted: true}}}') as { z: Record<string, unknown> };
  assert.deepEqual(Object.keys(v.z), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('hasMergeKey finds a "<<" key at any depth and survives cycles', () => {
  assert.equal(hasMergeKey({ a: [{ b: { '<<': 1 } }] }), true);
  assert.equal(hasMergeKey({ a: ['<<'], b: 'x <<EOF' }), false);
  assert.equal(hasMergeKey({ items: Array.from({ length: 1_000_000 }, (_, i) => i) }), false);
  const cyc: Record<string, unknown> = {};
  cyc.self = cyc;
  assert.equal(hasMergeKey(cyc), false);
});

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: x
    securityContext: {<<: {privileged: true}}
`;

test('scan input: a merged securityContext is judged (privileged through <<)', () => {
  const parsed = parseManifests('p.yaml', POD);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual((parsed.objects[0]!.object as { spec: { containers: { securityContext: unknown }[] } }).spec.containers[0]!.securityContext, { privileged: true });
  const r = runProfile('pss-baseline', POD);
  assert.deepEqual(r.findings.map((f) => f.message), ['privileged (container "c" must not set securityContext.privileged=true)']);
});

test('scan input: anchors and merges across a Deployment, and a bad merge is an input error with file and line', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {}
  template:
    spec:
      containers:
      - name: a
        image: x
        securityContext: &hard {allowPrivilegeEscalation: true}
      - name: b
        image: x
        securityContext:
          <<: *hard
          runAsUser: 0
---
apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers:
  - name: c
    image: x
    securityContext: {<<: [1]}
`;
  const parsed = parseManifests('d.yaml', text);
  assert.equal(parsed.objects.length, 1);
  const b = (parsed.objects[0]!.object as { spec: { template: { spec: { containers: { securityContext: unknown }[] } } } }).spec.template.spec.containers[1]!;
  assert.deepEqual(b.securityContext, { allowPrivilegeEscalation: true, runAsUser: 0 });
  assert.deepEqual(parsed.errors, [{ file: 'd.yaml', line: 25, message: 'YAML does not parse: map merge requires map or sequence of maps as the value' }]);
});

test('scan input: "<<" only inside a string keeps the fast reader and the text as written', () => {
  const parsed = parseManifests('c.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {run: "cat <<EOF"}\n');
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual((parsed.objects[0]!.object as { data: unknown }).data, { run: 'cat <<EOF' });
});
