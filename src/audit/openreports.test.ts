// OpenReports: the CRDs mamori creates are the ones it ships, follow reports-api's schema, and hold every field mamori writes (the API server prunes the rest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Finding, ResourceRef } from '../core/report.js';
import type { Obj } from '../k8s/values.js';
import { ResultStore } from './store.js';
import { buildPolicyReports } from './policy-report.js';
import { asOpenReport, CLUSTER_REPORT_CRD, REPORT_CRD } from './openreports.js';

const root = new URL('../../', import.meta.url);

interface Schema { type?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema; required?: string[]; enum?: string[] }
const schemaOf = (crd: Obj): Schema => ((crd.spec as Obj).versions as Array<{ schema: { openAPIV3Schema: Schema } }>)[0]!.schema.openAPIV3Schema;

/** Paths in a value the schema does not declare (what the API server would silently prune) or whose type or enum it breaks. */
function undeclared(value: unknown, schema: Schema, path = ''): string[] {
  if (schema.enum && !schema.enum.includes(value as string)) return [`${path}: ${String(value)} not in ${schema.enum.join('|')}`];
  if (Array.isArray(value)) return schema.type === 'array' ? value.flatMap((v, i) => undeclared(v, schema.items!, `${path}[${i}]`)) : [`${path}: array`];
  if (value !== null && typeof value === 'object') {
    if (schema.type !== 'object') return [`${path}: object`];
    if (path === '.metadata') return [];
    const missing = (schema.required ?? []).filter((k) => !(k in value)).map((k) => `${path}.${k}: required`);
    return [...missing, ...Object.entries(value).flatMap(([k, v]) => {
      const sub = schema.properties?.[k] ?? schema.additionalProperties;
      return sub ? undeclared(v, sub, `${path}.${k}`) : [`${path}.${k}: not in the schema`];
    })];
  }
  const t = typeof value === 'number' ? 'integer' : typeof value;
  return schema.type === t ? [] : [`${path}: ${t}, schema says ${schema.type}`];
}

test('deploy/crds holds exactly the OpenReports CRDs the audit creates', () => {
  assert.deepEqual(parse(readFileSync(new URL('deploy/crds/openreports.io_reports.yaml', root), 'utf8')), REPORT_CRD);
  assert.deepEqual(parse(readFileSync(new URL('deploy/crds/openreports.io_clusterreports.yaml', root), 'utf8')), CLUSTER_REPORT_CRD);
});

test('the OpenReports CRDs: names, scopes and the schema reports-api defines', () => {
  const spec = REPORT_CRD.spec as { group: string; scope: string; names: Obj; versions: Array<{ name: string; served: boolean; storage: boolean; subresources: Obj }> };
  assert.equal((REPORT_CRD.metadata as Obj).name, 'reports.openreports.io');
  assert.equal((CLUSTER_REPORT_CRD.metadata as Obj).name, 'clusterreports.openreports.io');
  assert.deepEqual(spec.names, { kind: 'Report', listKind: 'ReportList', plural: 'reports', shortNames: ['reps'], singular: 'report' });
  assert.deepEqual((CLUSTER_REPORT_CRD.spec as { names: Obj }).names, { kind: 'ClusterReport', listKind: 'ClusterReportList', plural: 'clusterreports', shortNames: ['creps'], singular: 'clusterreport' });
  assert.deepEqual([spec.scope, (CLUSTER_REPORT_CRD.spec as { scope: string }).scope], ['Namespaced', 'Cluster']);
  const v = spec.versions[0]!;
  assert.deepEqual([v.name, v.served, v.storage, v.subresources], ['v1alpha1', true, true, {}]);
  const s = schemaOf(REPORT_CRD);
  assert.deepEqual(Object.keys(s.properties!).sort(), ['apiVersion', 'configuration', 'kind', 'metadata', 'results', 'scope', 'scopeSelector', 'source', 'summary']);
  assert.deepEqual(s.properties!.configuration!.required, ['limits']);
  assert.deepEqual(Object.keys(s.properties!.configuration!.properties!.limits!.properties!), ['maxResults', 'statusFilter']);
  assert.deepEqual(s.properties!.configuration!.properties!.limits!.properties!.statusFilter!.items!.enum, ['pass', 'fail', 'warn', 'error', 'skip']);
  const result = s.properties!.results!.items!;
  assert.deepEqual(result.required, ['policy']);
  assert.deepEqual(Object.keys(result.properties!).sort(), ['category', 'message', 'policy', 'properties', 'resourceSelector', 'resources', 'result', 'rule', 'scored', 'severity', 'source', 'timestamp']);
  assert.deepEqual(result.properties!.severity!.enum, ['critical', 'high', 'low', 'medium', 'info']);
  assert.deepEqual(result.properties!.timestamp!.required, ['nanos', 'seconds']);
  assert.deepEqual(Object.keys(s.properties!.summary!.properties!).sort(), ['error', 'fail', 'pass', 'skip', 'warn']);
  assert.deepEqual(schemaOf(CLUSTER_REPORT_CRD).properties, s.properties, 'Report and ClusterReport share one schema');
});

test('mamori\'s reports as OpenReports: the same results, source and limits declared, every field in the schema', () => {
  const store = new ResultStore({ trackAll: false });
  const ref: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' };
  const f: Finding = { policyId: 'privileged-container', severity: 'medium', effect: 'Audit', resource: ref, container: 'c', path: 'spec.template.spec.containers[0].securityContext.privileged', message: 'privileged', remediation: 'r', location: null, status: 'open' };
  for (let i = 0; i < 4; i++) store.put(`Pod|web|p${i}`, { ...ref, name: `api${i}` }, `p${i}`, [{ ...f, resource: { ...ref, name: `api${i}` } }], ['privileged-container'], true);
  store.put('ns', { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'web' }, '', [{ ...f, policyId: 'default-namespace', resource: { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'web' }, status: 'excepted', statusReason: 'ok' }], ['default-namespace'], false);
  const reports = buildPolicyReports(store, 'defender', { maxResults: 2, maxListed: 10 }, new Date(0));
  const ns = asOpenReport(reports.get('web')!, 2);
  const cluster = asOpenReport(reports.get('')!, 2);
  assert.equal(ns.apiVersion, 'openreports.io/v1alpha1');
  assert.equal(ns.kind, 'Report');
  assert.equal(cluster.kind, 'ClusterReport');
  assert.equal(ns.source, 'mamori');
  assert.deepEqual(ns.configuration, { limits: { maxResults: 2, statusFilter: ['fail', 'skip'] } });
  assert.deepEqual(ns.results, reports.get('web')!.results);
  assert.equal((ns.results as unknown[]).length, 2);
  assert.equal(((ns.metadata as Obj).annotations as Obj)['mamori.dev/results-truncated'], '2');
  assert.deepEqual((cluster.results as Array<{ result: string }>).map((r) => r.result), ['skip']);
  assert.deepEqual(undeclared(ns, schemaOf(REPORT_CRD)), []);
  assert.deepEqual(undeclared(cluster, schemaOf(CLUSTER_REPORT_CRD)), []);
  // the checker sees what the API server would prune
  assert.deepEqual(undeclared({ ...ns, extra: 1 }, schemaOf(REPORT_CRD)), ['.extra: not in the schema']);
});
