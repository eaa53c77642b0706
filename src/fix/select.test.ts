// chooseOps and parseSetValue: which ops a finding contributes at each risk level, and values at any depth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseOps, parseSetValue, type Selection } from './select.js';
import type { Finding } from '../core/report.js';
import { UsageError } from '../core/errors.js';

const LIMITS = ['spec', 'containers', 0, 'resources', 'limits'];

function finding(over: Partial<Finding>): Finding {
  return {
    policyId: 'missing-resource-limits', severity: 'medium', effect: 'Audit',
    resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p' }, container: 'c', path: 'x',
    message: 'm', remediation: 'r', location: null, status: 'open', ...over,
  };
}
const limits = finding({ suggestion: { ops: [{ op: 'set', path: LIMITS, value: { cpu: '32', memory: '64Gi' } }], text: 't' } });
const sel = (over: Partial<Selection> = {}): Selection => ({ applySuggestions: new Set(), values: [], ...over });

test('select: a suggestion is applied only at --risk all, by policy id, or when a value lands in it', () => {
  assert.equal(chooseOps(limits, sel()), undefined);
  assert.deepEqual(chooseOps(limits, sel({ risk: 'all' }))?.ops, limits.suggestion!.ops);
  assert.deepEqual(chooseOps(limits, sel({ applySuggestions: new Set(['missing-resource-limits']) }))?.ops, limits.suggestion!.ops);
});

test('select: --set reaches the fields of an offered object, by any suffix of their path', () => {
  for (const keys of [['limits.cpu=250m', 'limits.memory=256Mi'], ['cpu=250m', 'memory=256Mi'], ['resources.limits.cpu=250m', 'containers[0].resources.limits.memory=256Mi']]) {
    const values = keys.map(parseSetValue);
    const chosen = chooseOps(limits, sel({ values }));
    assert.deepEqual(chosen?.ops, [{ op: 'set', path: LIMITS, value: { cpu: '250m', memory: '256Mi' } }], keys.join(' '));
    assert.ok(values.every((v) => v.used));
  }
  const one = [parseSetValue('limits.cpu=250m')];
  assert.deepEqual(chooseOps(limits, sel({ values: one }))?.ops, [{ op: 'set', path: LIMITS, value: { cpu: '250m', memory: '64Gi' } }]);
  // a key that names no offered field is not used
  const other = [parseSetValue('limits.gpu=1')];
  assert.equal(chooseOps(limits, sel({ values: other })), undefined);
  assert.equal(other[0]!.used, false);
});

test('select: the fix of a finding is always chosen; a suggestion without a value names the field it needs', () => {
  const f = finding({ fix: [{ op: 'set', path: ['a'], value: 1 }], suggestion: { ops: [{ op: 'set', path: ['spec', 'runAsUser'], value: null }], text: 't' } });
  assert.deepEqual(chooseOps(f, sel()), { ops: [{ op: 'set', path: ['a'], value: 1 }], missing: undefined, fromSuggestion: false });
  assert.deepEqual(chooseOps(f, sel({ risk: 'all' }))?.missing, 'spec.runAsUser');
  assert.deepEqual(chooseOps(f, sel({ values: [parseSetValue('runAsUser=10001')] }))?.ops.at(-1), { op: 'set', path: ['spec', 'runAsUser'], value: 10001 });
});

test('select: values are checked against their field', () => {
  assert.deepEqual(parseSetValue('supplementalGroups=1000,2000').value, [1000, 2000]);
  assert.equal(parseSetValue('limits.cpu=2').value, 2);
  assert.equal(parseSetValue('limits.memory=1.5Gi').value, '1.5Gi');
  assert.equal(parseSetValue('readOnlyRootFilesystem=true').value, true);
  for (const bad of ['limits.cpu=abc', 'limits.cpu=-1', 'requests.memory=1GB', 'runAsUser=-1', 'runAsUser=0', 'runAsGroup=1.5', 'fsGroup=2147483648', 'supplementalGroups=a', 'privileged=1', 'nokey', '=1']) {
    assert.throws(() => parseSetValue(bad), UsageError, bad);
  }
});
