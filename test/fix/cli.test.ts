// `mamori fix` end to end through the real command line: diff, --write, idempotence, refusals, patches, suggestions, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, statSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { writeChecked } from '../../src/fix/write.js';

const root = join(import.meta.dirname, '../..');
const RUN = "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })";

function mamori(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', RUN, '--', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const POD = `# keep me
apiVersion: v1
kind: Pod
metadata:
  name: web   # the name
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx
    securityContext:
      privileged: true # why
`;

function tmp(): string { return mkdtempSync(join(tmpdir(), 'mamori-fix-')); }

test('fix cli: dry run prints a diff and changes nothing; --write fixes; a second --write changes nothing', () => {
  const dir = tmp();
  try {
    const f = join(dir, 'pod.yaml');
    writeFileSync(f, POD);
    const dry = mamori(['fix', '--policy', 'privileged-container', '--risk', 'all', f]);
    assert.equal(dry.code, 1, dry.err);
    assert.match(dry.out, /^- {6}privileged: true # why$/m);
    assert.match(dry.out, /^\+ {6}privileged: false # why$/m);
    assert.match(dry.err, /no findings remain/);
    assert.equal(readFileSync(f, 'utf8'), POD);

    const w = mamori(['fix', '--write', '--policy', 'privileged-container', '--risk', 'all', f]);
    assert.equal(w.code, 0, w.err);
    assert.match(w.out, /fixed .*pod\.yaml \(1 finding/);
    assert.equal(readFileSync(f, 'utf8'), POD.replace('privileged: true # why', 'privileged: false # why'));
    const mtime = statSync(f).mtimeMs;

    const again = mamori(['fix', '--write', '--policy', 'privileged-container', '--risk', 'all', f]);
    assert.equal(again.code, 0, again.err);
    assert.equal(statSync(f).mtimeMs, mtime, 'a second --write touched the file');
    const dry2 = mamori(['fix', '--policy', 'privileged-container', '--risk', 'all', f]);
    assert.equal(dry2.out, '');
    assert.equal(dry2.code, 0);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('fix cli: a file that does not parse is never touched; other files still are; exit 2', () => {
  const dir = tmp();
  try {
    const broken = join(dir, 'broken.yaml');
    const good = join(dir, 'good.yaml');
    const brokenText = `${POD}---\napiVersion: v1\nkind: Pod\nmetadata: {name: x\n`;
    writeFileSync(broken, brokenText);
    writeFileSync(good, POD);
    const r = mamori(['fix', '--write', '--policy', 'privileged-container', '--risk', 'all', dir]);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(broken, 'utf8'), brokenText);
    assert.match(r.out + r.err, /broken\.yaml:\d+: YAML does not parse/);
    assert.match(readFileSync(good, 'utf8'), /privileged: false # why/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('fix cli: a file changed after it was read is refused, not overwritten', async () => {
  const dir = tmp();
  try {
    const f = join(dir, 'pod.yaml');
    writeFileSync(f, 'edited by someone else\n');
    const problem = await writeChecked(f, 'new text\n', POD);
    assert.match(problem ?? '', /changed since it was read/);
    assert.equal(readFileSync(f, 'utf8'), 'edited by someone else\n');
    assert.equal(await writeChecked(f, 'new text\n', 'edited by someone else\n'), null);
    assert.equal(readFileSync(f, 'utf8'), 'new text\n');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('fix cli: rendered input on stdin gets a strategic-merge patch per workload', () => {
  const rendered = `---
# Source: web/templates/deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: proxy
        image: envoy
      - name: web
        image: nginx
        securityContext: {privileged: true}
`;
  const r = mamori(['fix', '--policy', 'privileged-container', '--risk', 'all', '-'], rendered);
  assert.equal(r.code, 1, r.err);
  const docs = parseAllDocuments(r.out).map((d) => d.toJS());
  assert.deepEqual(docs, [{
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
    spec: { template: { spec: { containers: [{ name: 'web', securityContext: { privileged: false } }] } } },
  }]);
  assert.match(r.out, /# Deployment shop\/web .*strategic-merge patch/);
  assert.match(r.err, /no findings remain/);
  const w = mamori(['fix', '--write', '-'], rendered);
  assert.equal(w.code, 2);
});

test('fix cli: suggestions are offered, applied only by policy id or with a value', () => {
  const dir = tmp();
  try {
    const f = join(dir, 'redis.yaml');
    copyFileSync(join(root, 'examples/redis-unhealthy.yaml'), f);
    const plain = mamori(['fix', '--write', '--policy', 'run-as-root,privileged-container', f]);
    assert.equal(plain.code, 1);
    assert.match(plain.out, /run-as-root .*--apply-suggestion run-as-root/s);
    assert.match(readFileSync(f, 'utf8'), /runAsUser: 0/);
    const withValue = mamori(['fix', '--write', '--policy', 'run-as-root', '--set', 'runAsUser=20002', '--set', 'runAsGroup=20002', f]);
    assert.match(readFileSync(f, 'utf8'), /runAsUser: 20002/);
    assert.doesNotMatch(readFileSync(f, 'utf8'), /runAsUser: 0/);
    assert.equal(withValue.code, 0, withValue.out + withValue.err);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('fix cli: usage errors exit 2', () => {
  assert.equal(mamori(['fix', '--write', '--patch', 'x.yaml']).code, 2);
  assert.equal(mamori(['fix', '--apply-suggestion', 'no-such-policy', 'x.yaml']).code, 2);
  assert.equal(mamori(['fix', '--set', 'novalue', 'x.yaml']).code, 2);
});
