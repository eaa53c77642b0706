// The registry holds every family, and an id names one rule across all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REGISTRY, registeredRule } from './registry.js';
import { FAMILIES } from './core/rule.js';

test('every family has rules and every id is unique across families', () => {
  for (const f of FAMILIES) assert.ok(REGISTRY.some((r) => r.family === f), `no rule of family ${f}`);
  const ids = REGISTRY.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
  assert.equal(registeredRule('rbac-cluster-admin-binding')?.family, 'rbac');
  assert.equal(registeredRule('privileged-container')?.family, 'manifest');
});
