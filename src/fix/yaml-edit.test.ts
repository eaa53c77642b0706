// Table test of single YAML edits: each case's exact output text, so any byte outside the edit that moves fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOp } from './yaml-edit.js';
import type { FixOp } from '../checks/types.js';

const set = (path: (string | number)[], value: unknown): FixOp => ({ op: 'set', path, value });
const remove = (path: (string | number)[]): FixOp => ({ op: 'remove', path });

const cases: { name: string; input: string; op: FixOp; output: string }[] = [
  { name: 'replaces a scalar and keeps its comment', input: 'a:\n  b: true   # why\n  c: 1\n', op: set(['a', 'b'], false), output: 'a:\n  b: false   # why\n  c: 1\n' },
  { name: 'keeps double quotes on a replaced string', input: 't: "Unconfined"\n', op: set(['t'], 'RuntimeDefault'), output: 't: "RuntimeDefault"\n' },
  { name: 'keeps single quotes on a replaced string', input: "t: 'x'\n", op: set(['t'], "it's"), output: "t: 'it''s'\n" },
  { name: 'quotes a string that would read as a boolean', input: 'a: 1\n', op: set(['b'], 'yes'), output: 'a: 1\nb: "yes"\n' },
  { name: 'adds a key at the end of a block map, at its indentation', input: 'sc:\n    x: 1 # one\nz: 2\n', op: set(['sc', 'w'], true), output: 'sc:\n    x: 1 # one\n    w: true\nz: 2\n' },
  { name: 'creates intermediate maps in block style with the file\'s step', input: 'c:\n- name: a\n  image: x\n', op: set(['c', 0, 'securityContext', 'capabilities', 'drop'], ['ALL']), output: 'c:\n- name: a\n  image: x\n  securityContext:\n    capabilities:\n      drop:\n      - ALL\n' },
  { name: 'indents a new list like the file\'s other lists', input: 'c:\n  - name: a\n', op: set(['c', 0, 'drop'], ['ALL']), output: 'c:\n  - name: a\n    drop:\n      - ALL\n' },
  { name: 'fills an empty value after a comment on its line', input: 'p:\n  sc: # later\n  n: 1\n', op: set(['p', 'sc', 'privileged'], false), output: 'p:\n  sc: # later\n    privileged: false\n  n: 1\n' },
  { name: 'fills an explicit null', input: 'sc: null\nx: 1\n', op: set(['sc', 'a'], 1), output: 'sc:\n  a: 1\nx: 1\n' },
  { name: 'fills "key:" with a scalar', input: 'a:\nb: 2\n', op: set(['a'], true), output: 'a: true\nb: 2\n' },
  { name: 'adds to an empty flow map', input: 'sc: {}\n', op: set(['sc', 'privileged'], false), output: 'sc: {privileged: false}\n' },
  { name: 'adds to a flow map with entries', input: 's: {a: 1}   # c\n', op: set(['s', 'b', 'c'], [1, 'x y']), output: 's: {a: 1, b: {c: [1, "x y"]}}   # c\n' },
  { name: 'quotes keys where the map quotes them (JSON)', input: '{"a": {"b": 1}}', op: set(['a', 'c'], 'v'), output: '{"a": {"b": 1, "c": "v"}}' },
  { name: 'replaces a flow list in flow style', input: 'drop: [NET_RAW, KILL]\n', op: set(['drop'], ['ALL']), output: 'drop: [ALL]\n' },
  { name: 'replaces a block list keeping its indentation', input: 'c:\n  drop:\n  - A\n  - B\n  add: []\n', op: set(['c', 'drop'], ['ALL']), output: 'c:\n  drop:\n  - ALL\n  add: []\n' },
  { name: 'removes a key with its line and inline comment, keeping the comment above', input: 's:\n  # note\n  hostPID: true # debug\n  x: 1\n', op: remove(['s', 'hostPID']), output: 's:\n  # note\n  x: 1\n' },
  { name: 'removes the first key of a list item, moving the next one up to the dash', input: 'l:\n- a: 1\n  b: 2\n', op: remove(['l', 0, 'a']), output: 'l:\n- b: 2\n' },
  { name: 'removing the only key leaves an empty map after its key', input: 's:\n  hostPID: true\nn: 1\n', op: remove(['s', 'hostPID']), output: 's: {}\nn: 1\n' },
  { name: 'removing the only key of a nested map keeps the outer keys (the entry\'s own comment goes with it)', input: 'c:\n  sc:\n    caps:\n      add: [X] # why\n  x: 1\n', op: remove(['c', 'sc', 'caps', 'add']), output: 'c:\n  sc:\n    caps: {}\n  x: 1\n' },
  { name: 'removing the only key keeps a comment after the key, the empty map below it', input: 's: # keep\n  hostPID: true\nn: 1\n', op: remove(['s', 'hostPID']), output: 's: # keep\n  {}\nn: 1\n' },
  { name: 'removing the only item of a block list leaves an empty list after its key', input: 'c:\n  add:\n  - NET_ADMIN\n  drop: [ALL]\n', op: remove(['c', 'add', 0]), output: 'c:\n  add: []\n  drop: [ALL]\n' },
  { name: 'removing the only item of a list in a list stays on its line', input: 'l:\n- - a\n', op: remove(['l', 0, 0]), output: 'l:\n- []\n' },
  { name: 'removes a flow entry and its comma', input: 's: {a: 1, b: 2, c: 3}\n', op: remove(['s', 'b']), output: 's: {a: 1, c: 3}\n' },
  { name: 'removes the last flow entry and the comma before it', input: 's: {a: 1, b: 2}\n', op: remove(['s', 'b']), output: 's: {a: 1}\n' },
  { name: 'removes a block list item', input: 'v:\n- name: a\n  x: 1\n- name: b\n', op: remove(['v', 0]), output: 'v:\n- name: b\n' },
  { name: 'removing something absent changes nothing', input: 'a: 1\n', op: remove(['b', 'c']), output: 'a: 1\n' },
  { name: 'setting the value already there changes nothing', input: 'a: {b: false}\n', op: set(['a', 'b'], false), output: 'a: {b: false}\n' },
  { name: 'writes CRLF into a CRLF file', input: 'a:\r\n  b: 1\r\n', op: set(['a', 'c'], { d: 2 }), output: 'a:\r\n  b: 1\r\n  c:\r\n    d: 2\r\n' },
  { name: 'ends a file without a final newline properly', input: 'a:\n  b: 1', op: set(['a', 'c'], 2), output: 'a:\n  b: 1\n  c: 2\n' },
  { name: 'replaces an alias at the leaf only', input: 'x: &t true\nv: *t\n', op: set(['v'], false), output: 'x: &t true\nv: false\n' },
];

for (const c of cases) {
  test(`yaml edit: ${c.name}`, () => {
    const r = applyOp(c.input, c.op);
    assert.ok(!('error' in r), 'error' in r ? r.error : '');
    assert.equal(r.text, c.output);
    assert.equal(r.changed, c.input !== c.output);
  });
}

test('yaml edit: refuses to go through an alias', () => {
  const r = applyOp('base: &b {privileged: true}\nc: *b\n', set(['c', 'privileged'], false));
  assert.ok('error' in r && /alias \*b/.test(r.error));
});

test('yaml edit: refuses to change a node another place reuses through its anchor', () => {
  const r = applyOp('a: &b {privileged: true}\nc: *b\n', set(['a', 'privileged'], false));
  assert.ok('error' in r && /anchor &b/.test(r.error));
});

test('yaml edit: a missing list item or a scalar in the way is an error, not a guess', () => {
  assert.ok('error' in applyOp('c: []\n', set(['c', 0, 'x'], 1)));
  assert.ok('error' in applyOp('c: text\n', set(['c', 'x'], 1)));
});
