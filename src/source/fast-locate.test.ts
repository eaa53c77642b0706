// The indentation locator must agree with the full YAML parser on every path it answers, or decline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { Locator } from './locate.js';
import { splitDocuments } from './load.js';
import { fastLocate, needsFullParser, rowsOf } from './fast-locate.js';
import { corpus } from '../../bench/corpus.js';
import type { Segment } from '../core/path.js';

function allPaths(v: unknown, prefix: Segment[] = [], out: Segment[][] = []): Segment[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
  return out;
}

function compare(text: string, label: string): number {
  let checked = 0;
  for (const chunk of splitDocuments(text)) {
    const value = jsyaml.load(chunk.text);
    if (value === null || value === undefined) continue;
    const loc = new Locator({ file: 'f', text: chunk.text, startLine: chunk.startLine });
    const rows = rowsOf(chunk.text);
    const paths = allPaths(value);
    // a missing field points at its parent: probe those too
    paths.push(...paths.slice(0, 20).map((p) => [...p, 'notThere']));
    for (const p of paths) {
      if (needsFullParser(chunk.text)) break;
      const fast = fastLocate(rows, p);
      if (!fast) continue;
      const full = loc.locateFull(p);
      assert.deepEqual({ line: fast.line + chunk.startLine, column: fast.column + 1 }, { line: full.line, column: full.column }, `${label}: path ${JSON.stringify(p)}`);
      checked++;
    }
  }
  return checked;
}

test('fast locator agrees with the full parser on generated workloads', () => {
  assert.ok(compare(corpus(60), 'corpus') > 5000);
});

test('fast locator agrees with the full parser on the examples', () => {
  let checked = 0;
  for (const f of readdirSync('examples').filter((x) => x.endsWith('.yaml'))) checked += compare(readFileSync(`examples/${f}`, 'utf8'), f);
  assert.ok(checked > 100, `only ${checked} paths answered by the fast locator`);
});

const TRICKY = `# leading comment
apiVersion: v1
kind: Pod
metadata:
  name: "quoted-name"   # trailing comment
  'single': x
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
    "key: with colon": v
spec:
  containers:
    - name: indented-seq
      image: x
      args:
        - |
          name: not-a-key
          - not-an-item
        - >
          folded
      securityContext:

        # blank line and comment above
        privileged: true
    -   name: wide-dash
        image: y
    -
      name: dash-alone
      image: z
  initContainers:
  - name: compact
    ports:
    - containerPort: 80
      hostPort: 80
    - {containerPort: 81, hostPort: 81}
    securityContext:
      capabilities: {add: [NET_ADMIN, "SYS_TIME"], drop: ['ALL']}
    resources: {limits: {cpu: 1, memory: 1Gi}, requests: {}}
  volumes:
  - - nested
    - seq
  - name: text
    description: a plain scalar
      continued on the next line
`;

test('fast locator agrees on tricky block YAML: quoted keys, comments, block scalars, dashes, nested sequences', () => {
  assert.ok(compare(TRICKY, 'tricky') > 40);
  const rows = rowsOf(TRICKY);
  assert.deepEqual(fastLocate(rows, ['spec', 'containers', 0, 'securityContext', 'privileged']), { line: 22, column: 8 });
  assert.deepEqual(fastLocate(rows, ['spec', 'containers', 1, 'image']), { line: 24, column: 8 });
  assert.deepEqual(fastLocate(rows, ['spec', 'containers', 2, 'image']), { line: 27, column: 6 });
});

test('CRLF line ends locate the same lines', () => {
  assert.ok(compare(TRICKY.replace(/\n/g, '\r\n'), 'crlf') > 40);
});

test('fast locator reads one-line flow collections, declines longer ones; documents with anchors go to the full parser', () => {
  const rows = rowsOf('spec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n  multi: [a,\n    b]\n  esc: ["a\\"b", c]\n');
  assert.deepEqual(fastLocate(rows, ['spec', 'containers', 0, 'securityContext', 'privileged']), { line: 1, column: 43 });
  assert.deepEqual(fastLocate(rows, ['spec', 'containers']), { line: 1, column: 2 });
  assert.equal(fastLocate(rows, ['spec', 'multi', 1]), undefined, 'a flow collection over several lines');
  assert.equal(fastLocate(rows, ['spec', 'esc', 1]), undefined, 'escapes in a quoted scalar');
  assert.equal(needsFullParser('a: &x {b: 1}\nc: *x\n'), true);
  assert.equal(needsFullParser('a:\n  <<: {b: 1}\n'), true);
  assert.equal(needsFullParser('{"apiVersion": "v1"}'), true);
  assert.equal(needsFullParser('image: "repo/app:1.0"\nurl: http://x/*y\nschedule: "*/5 * * * *"\n'), false);
  assert.equal(needsFullParser('a:\n  - *ref\n'), true);
  assert.equal(needsFullParser('a: [x, *ref]\n'), true);
});
