// The CRDs mamori creates are the ones it ships in deploy/crds, and reports it builds fit their schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CLUSTER_POLICY_REPORT_CRD, POLICY_REPORT_CRD } from './crds.js';

const root = new URL('../../', import.meta.url);

test('deploy/crds holds exactly the CRDs the audit creates', () => {
  assert.deepEqual(parse(readFileSync(new URL('deploy/crds/wgpolicyk8s.io_policyreports.yaml', root), 'utf8')), POLICY_REPORT_CRD);
  assert.deepEqual(parse(readFileSync(new URL('deploy/crds/wgpolicyk8s.io_clusterpolicyreports.yaml', root), 'utf8')), CLUSTER_POLICY_REPORT_CRD);
});

test('the CRDs: group wgpolicyk8s.io, v1alpha2 served and stored, scopes, result enums', () => {
  const spec = POLICY_REPORT_CRD.spec as { group: string; scope: string; names: { shortNames: string[] }; versions: Array<{ name: string; served: boolean; storage: boolean; schema: { openAPIV3Schema: { properties: Record<string, { items?: { properties: Record<string, { enum?: string[] }> } }> } } }> };
  assert.equal(spec.group, 'wgpolicyk8s.io');
  assert.equal(spec.scope, 'Namespaced');
  assert.deepEqual(spec.names.shortNames, ['polr']);
  assert.equal((CLUSTER_POLICY_REPORT_CRD.spec as { scope: string }).scope, 'Cluster');
  const v = spec.versions[0]!;
  assert.deepEqual([v.name, v.served, v.storage], ['v1alpha2', true, true]);
  const result = v.schema.openAPIV3Schema.properties.results!.items!.properties;
  assert.deepEqual(result.result!.enum, ['pass', 'fail', 'warn', 'error', 'skip']);
  assert.deepEqual(result.severity!.enum, ['critical', 'high', 'low', 'medium', 'info']);
});
