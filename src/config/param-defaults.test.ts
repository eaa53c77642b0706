// The generated parameter defaults are what each check's schema gives, and config resolves to the same parameters with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_CHECKS } from '../checks/index.js';
import { allProfiles } from '../profiles/index.js';
import { PARAM_DEFAULTS } from './param-defaults.js';
import { resolveEngineConfig } from './load.js';

test('every check has its parameter names and defaults in PARAM_DEFAULTS, equal to its schema\'s (npm run docs)', () => {
  assert.deepEqual(Object.keys(PARAM_DEFAULTS).sort(), ALL_CHECKS.map((c) => c.meta.id).sort());
  for (const c of ALL_CHECKS) {
    const known = PARAM_DEFAULTS[c.meta.id]!;
    assert.deepEqual(known.keys, Object.keys(c.params.shape), c.meta.id);
    const parsed = c.params.strict().safeParse({});
    assert.deepStrictEqual(known.defaults, parsed.success ? parsed.data : null, c.meta.id);
    if (parsed.success) assert.equal(JSON.stringify(known.defaults), JSON.stringify(parsed.data), `${c.meta.id}: key order`);
  }
});

test('every profile resolves, with no mamori.yaml, to the parameters its checks\' schemas give', () => {
  for (const p of allProfiles()) {
    const cfg = resolveEngineConfig({ config: {}, file: null }, { profile: p.name, lang: 'en', today: '2026-01-01' });
    assert.ok(cfg.policies.length > 0, p.name);
    for (const run of cfg.policies) {
      const expected = run.check.params.strict().parse(p.policies[run.check.meta.id]?.parameters ?? {});
      assert.deepStrictEqual(run.params, expected, `${p.name} ${run.check.meta.id}`);
    }
  }
});

test('each resolution gets its own copy of the defaults', () => {
  const a = resolveEngineConfig({ config: {}, file: null }, { profile: 'defender', lang: 'en' });
  (a.policies.find((r) => r.check.meta.id === 'privileged-container')!.params.excludedContainers as string[]).push('x');
  const b = resolveEngineConfig({ config: {}, file: null }, { profile: 'defender', lang: 'en' });
  assert.deepEqual(b.policies.find((r) => r.check.meta.id === 'privileged-container')!.params.excludedContainers, []);
});

test('parameters given in mamori.yaml are still checked against the schema, with the file and line in the error', () => {
  assert.throws(
    () => resolveEngineConfig({ config: { policies: { 'privileged-container': { parameters: { excludedContainers: 'redis' } } } }, file: 'm.yaml' }, { lang: 'en' }),
    /m\.yaml: policies\.privileged-container\.parameters\.excludedContainers: Invalid input: expected array, received string/,
  );
  const cfg = resolveEngineConfig({ config: { policies: { 'privileged-container': { parameters: { excludedContainers: ['redis'] } } } }, file: 'm.yaml' }, { lang: 'en' });
  assert.deepEqual(cfg.policies.find((r) => r.check.meta.id === 'privileged-container')!.params, { excludedContainers: ['redis'], excludedImages: [] });
});
