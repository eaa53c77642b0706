// Duplicate JSON keys are input errors with their line, like duplicate YAML keys; the search stays linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateJsonKey } from './json-keys.js';
import { parseManifests } from './load.js';

test('duplicateJsonKey: the first repeated key in one object, with its line', () => {
  assert.equal(duplicateJsonKey('{"a": 1, "b": {"a": 2}, "c": ["a", "a"]}'), undefined);
  assert.deepEqual(duplicateJsonKey('{"a": 1,\n "b": {"x": 1,\n  "x": 2}}'), { key: 'x', line: 3 });
  assert.deepEqual(duplicateJsonKey('{"a\\u0062": 1, "ab" : 2}'), { key: 'ab', line: 1 });
  assert.deepEqual(duplicateJsonKey('[{"k": "\\"k\\":"}, {"k": 1, "k": 2}]'), { key: 'k', line: 1 });
  assert.equal(duplicateJsonKey('{"a": {"b": 1}, "b": {"a": 1}}'), undefined);
});

test('a JSON manifest with a duplicate key is an input error naming file and line, like YAML', () => {
  const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"containers": [{"name": "c", "image": "x",\n    "securityContext": {"privileged": true, "privileged": false}}]}\n}\n';
  const r = parseManifests('p.json', json);
  assert.deepEqual(r.objects, []);
  assert.deepEqual(r.errors, [{ file: 'p.json', line: 6, message: 'duplicate key: duplicated mapping key "privileged"' }]);
  // the same document read as YAML (stdin, .yaml) is refused too
  assert.match(parseManifests('p.yaml', json).errors[0]!.message, /^duplicate key/);
});

test('duplicateJsonKey is linear: a large object of distinct keys and deep nesting finish at once', () => {
  const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}": ${i}`).join(',');
  assert.equal(duplicateJsonKey(`{${keys}}`), undefined);
  const deep = `${'['.repeat(50_000)}{"a":1,"a":2}${']'.repeat(50_000)}`;
  assert.deepEqual(duplicateJsonKey(deep), { key: 'a', line: 1 });
  const quotes = `{"s": "${'\\"'.repeat(100_000)}", "s": 1}`;
  assert.deepEqual(duplicateJsonKey(quotes), { key: 's', line: 1 });
});
