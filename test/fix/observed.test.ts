// What a real node showed (src/fix/observed.ts, docs/fix.md) binds `mamori fix`: a change that stopped a row's program is never applied at the default risk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { resolveEngineConfig } from '../../src/config/load.js';
import { OBSERVATIONS, type Observation } from '../../src/fix/observed.js';
import { runFix } from '../../src/fix/run.js';
import { parseSetValue } from '../../src/fix/select.js';
import { fill, podFor, type Placeholders } from '../live/fix-cases.js';

// The rows' host directory and port only matter on the node; any values make the same manifests here.
const P: Placeholders = { HOSTDIR: '/srv/mamori-observed', PORT: '8080' };
// by check and id: two checks may declare the same id at different risks (annotation-to-field)
const RISK = new Map(ALL_CHECKS.flatMap((c) => (c.meta.changes ?? []).map((s) => [`${c.meta.id} ${s.id}`, s.risk] as const)));

/** The change ids `mamori fix --policy <check>` applies to the row's Pod: at the default risk, or as the row asked. */
async function applied(o: Observation, asked: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-observed-'));
  try {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, stringify(podFor(o, P, 'before')));
    const config = o.parameters ? { policies: { [o.check]: { parameters: fill(o.parameters, P) } } } : {};
    const cfg = resolveEngineConfig({ config, file: null }, { only: [o.check], lang: 'en', today: '2026-01-01' });
    const out = await runFix([file], cfg, {
      mode: 'dry-run',
      applySuggestions: new Set(asked && o.ask === 'suggestion' ? [o.check] : []),
      values: asked ? (o.set ?? []).map(parseSetValue) : [],
    });
    assert.deepEqual(out.errors, []);
    return out.files.flatMap((f) => f.changes.filter((c) => c.applied).map((c) => c.change?.id ?? '(none)'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

const stopped = OBSERVATIONS.filter((o) => o.after !== o.before);

test('observed: the node stopped a program in most rows, so this guard has something to hold', () => {
  assert.ok(stopped.length >= 15, `${stopped.length} rows`);
  for (const o of OBSERVATIONS) assert.equal(o.before, 'Completed', `${o.name}: the program must run before the change`);
});

for (const o of stopped) {
  test(`observed ${o.name}: ${o.change} stopped the program, so it is not applied at the default risk, only when asked by name`, async () => {
    assert.equal(o.ask, 'suggestion', 'a row whose program stopped must have been asked for by name');
    const risk = RISK.get(`${o.check} ${o.change}`);
    assert.ok(risk === 'may-break' || risk === 'evidence', `${o.change} is ${String(risk)}, but a node showed it stop a program`);
    if (risk === 'evidence') {
      // the row documents the evidence missing: another row, with the evidence, shows the program still running
      assert.ok(OBSERVATIONS.some((x) => x.change === o.change && x.ask === 'default' && x.after === x.before), `${o.change}: no row shows its evidence holding`);
    }
    assert.ok(!(await applied(o, false)).includes(o.change), `${o.change} is applied at the default risk to a Pod a node saw it stop`);
    assert.ok((await applied(o, true)).includes(o.change), `${o.change} is not applied when asked by name`);
  });
}

for (const o of OBSERVATIONS.filter((x) => x.ask === 'default')) {
  test(`observed ${o.name}: ${o.change} is applied at the default risk, and the node saw the program keep running`, async () => {
    assert.equal(o.after, o.before);
    assert.ok((await applied(o, false)).includes(o.change));
  });
}
