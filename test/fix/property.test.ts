// Property tests: for generated and real manifests, fixing leaves no fixable finding, is idempotent, and changes only the fixed paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Document } from 'yaml';
import { config, fixInMemory, scanText } from './fixtures.js';
import { parseManifests } from '../../src/source/load.js';
import { diffPaths } from '../../src/fix/ops.js';
import { formatPath } from '../../src/core/path.js';

const tri = fc.constantFrom<boolean | undefined>(true, false, undefined);
const sc = fc.record({ privileged: tri, allowPrivilegeEscalation: tri, readOnlyRootFilesystem: tri }, { requiredKeys: [] })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
const container = (name: string) => fc.record({ withSc: fc.constantFrom('none', 'empty', 'set'), sc }).map(({ withSc, sc: s }) => ({
  name, image: 'nginx:1.27', ...(withSc === 'none' ? {} : { securityContext: withSc === 'empty' ? {} : s }),
}));
const podSpec = fc.record({
  hostPID: tri, hostIPC: tri, automountServiceAccountToken: tri,
  containers: fc.tuple(container('a'), container('b')).chain(([a, b]) => fc.integer({ min: 1, max: 2 }).map((n) => (n === 1 ? [a] : [a, b]))),
  initContainers: fc.option(container('init').map((c) => [c]), { nil: undefined }),
}).map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
const manifest = fc.record({
  kind: fc.constantFrom('Pod', 'Deployment'),
  spec: podSpec,
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  flowLevel: fc.constantFrom(-1, 0, 2, 4),
  crlf: fc.boolean(),
  comments: fc.boolean(),
}).map((m) => {
  const obj = m.kind === 'Pod'
    ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: m.spec }
    : { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'd' } }, spec: m.spec } } };
  const doc = new Document(obj, { version: '1.1' });
  if (m.flowLevel >= 0) {
    // Flow style from some depth down, as hand-written files mix them.
    let depth = 0;
    const mark = (n: unknown): void => {
      if (n && typeof n === 'object' && 'items' in (n as object)) {
        if (depth >= m.flowLevel) (n as { flow: boolean }).flow = true;
        depth++;
        for (const it of (n as { items: unknown[] }).items) mark((it as { value?: unknown }).value ?? it);
        depth--;
      }
    };
    mark(doc.contents);
  }
  if (m.comments) doc.commentBefore = ' generated';
  let text = doc.toString({ indent: m.indent, indentSeq: m.indentSeq });
  if (m.comments) text = text.replace(/^([ \t]*)(name: .*)$/gm, '$1$2 # the name');
  if (m.crlf) text = text.replace(/\n/g, '\r\n');
  return { text, obj };
});

function checkProperties(name: string, text: string): void {
  const cfg = config();
  const r = fixInMemory(cfg, name, text);
  assert.deepEqual(r.problems, [], 'an op could not be applied');
  // 1. No open finding that a safe fix covers remains.
  const left = scanText(cfg, name, r.text).findings.filter((f) => f.status === 'open' && (f.fix?.length || f.suggestion?.ops.length));
  assert.deepEqual(left.map((f) => `${f.policyId} ${f.path}`), []);
  // 2. A second fix changes nothing.
  const again = fixInMemory(cfg, name, r.text);
  assert.equal(again.changed, false);
  // 3. The parsed objects differ only at or under the fixed paths.
  const before = parseManifests(name, text.replace(/^\ufeff/, '')).objects;
  const after = parseManifests(name, r.text.replace(/^\ufeff/, '')).objects;
  assert.equal(after.length, before.length);
  before.forEach((o, i) => {
    const edit = r.edits.find((e) => e.doc === o.doc && formatPath(e.basePath) === formatPath(o.basePath));
    const fixed = (edit?.ops ?? []).map((op) => formatPath(op.path));
    for (const p of diffPaths(o.object, after[i]!.object)) {
      assert.ok(fixed.some((f) => p === f || p.startsWith(`${f}.`) || p.startsWith(`${f}[`) || f.startsWith(`${p}.`)), `${name}: ${p} changed but no op names it (ops: ${fixed.join(', ')})`);
    }
  });
}

test('property: generated manifests in many layouts', () => {
  fc.assert(fc.property(manifest, ({ text }) => { checkProperties('gen.yaml', text); }), { numRuns: Number(process.env.FIX_PROPERTY_RUNS ?? 150) });
});

test('property: the repository examples and the round-trip fixtures', () => {
  const root = join(import.meta.dirname, '../..');
  const files = [
    ...readdirSync(join(root, 'examples')).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(root, 'examples', f)),
    ...['comments.yaml', 'flow.yaml', 'crlf.yaml', 'multi.yaml', 'indent4.yaml', 'pretty.json'].map((f) => join(root, 'test/fixtures/fix', f)),
  ];
  assert.ok(files.length >= 6);
  for (const f of files) checkProperties(f, readFileSync(f, 'utf8'));
});
