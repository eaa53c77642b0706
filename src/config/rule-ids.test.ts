// The light id table names exactly the registry's rules, each with its family.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REGISTRY } from '../registry.js';
import { ruleFamily, OTHER_RULE_IDS } from './rule-ids.js';

test('ruleFamily gives every registered id its family, and knows no other id', () => {
  for (const r of REGISTRY) assert.equal(ruleFamily(r.meta.id), r.family, `${r.meta.id}: update OTHER_RULE_IDS in src/config/rule-ids.ts`);
  const registered = new Set(REGISTRY.map((r) => r.meta.id));
  for (const id of Object.values(OTHER_RULE_IDS).flat()) assert.ok(registered.has(id), `${id} is in src/config/rule-ids.ts but no rule has it`);
  for (const id of ['privileged-containers', 'rbac-', '', 'seccomp', 'toString', '__proto__']) assert.equal(ruleFamily(id), undefined, id);
});
