// Rule tests for disallowed-service-port: Azure's service-allowed-ports template and its configuration notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { portAllowed } from './disallowed-service-port.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './disallowed-service-port.js';

const ID = 'disallowed-service-port';

function svc(ports: string, meta = '{name: s}', apiVersion = 'v1'): string {
  return `apiVersion: ${apiVersion}\nkind: Service\nmetadata: ${meta}\nspec:\n  ports: ${ports}\n`;
}

ruleTester(check, {
  valid: [
    { name: 'only port counts: targetPort and nodePort are ignored', yaml: svc('[{port: 80, targetPort: 9999, nodePort: 30000}]'), params: { allowedServicePortsList: ['80'] } },
    { name: 'a Service without ports never violates', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName, externalName: x.example.com}\n', params: { allowedServicePortsList: ['80'] } },
    { name: 'Service kubernetes in default is skipped', yaml: svc('[{port: 443}]', '{name: kubernetes, namespace: default}'), params: { allowedServicePortsList: ['80'] } },
    { name: 'Service kubernetes with no namespace is in default: skipped', yaml: svc('[{port: 443}]', '{name: kubernetes}'), params: { allowedServicePortsList: ['80'] } },
    { name: 'a Service of another API group is not matched', yaml: svc('[{port: 443}]', '{name: s}', 'serving.knative.dev/v1'), params: { allowedServicePortsList: ['80'] }, evaluated: false },
    { name: 'Pods are not Services', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, ports: [{containerPort: 6001}]}\n', params: { allowedServicePortsList: ['80'] }, evaluated: false },
  ],
  invalid: [
    {
      name: 'allowed port passes, other port fails',
      yaml: svc('[{port: 80}, {port: 6001, targetPort: 9001}]'),
      params: { allowedServicePortsList: ['80', '443'] },
      errors: [{ path: 'spec.ports[1].port', container: null, resource: 'Service/s', message: 'Port 6001 for service s has not been allowed.' }],
      output: null,
    },
    {
      name: 'range is inclusive at both ends',
      yaml: svc('[{port: 8000}, {port: 8999}, {port: 9000}, {port: 7999}]'),
      params: { allowedServicePortsList: ['8000-8999'] },
      errors: [
        { path: 'spec.ports[2].port', container: null, resource: 'Service/s', message: 'Port 9000 for service s has not been allowed.' },
        { path: 'spec.ports[3].port', container: null, resource: 'Service/s', message: 'Port 7999 for service s has not been allowed.' },
      ],
      output: null,
    },
    {
      name: '"080" does not allow 80 (literal)',
      yaml: svc('[{port: 80}]'),
      params: { allowedServicePortsList: ['080'] },
      errors: [{ path: 'spec.ports[0].port', container: null, resource: 'Service/s', message: 'Port 80 for service s has not been allowed.' }],
      output: null,
    },
    {
      name: 'reversed range "5000-4000" allows nothing',
      yaml: svc('[{port: 4500}]'),
      params: { allowedServicePortsList: ['5000-4000'] },
      errors: [{ path: 'spec.ports[0].port', container: null, resource: 'Service/s', message: 'Port 4500 for service s has not been allowed.' }],
      output: null,
    },
    {
      name: '"1-2-3" acts as 1–2',
      yaml: svc('[{port: 2}, {port: 3}]'),
      params: { allowedServicePortsList: ['1-2-3'] },
      errors: [{ path: 'spec.ports[1].port', container: null, resource: 'Service/s', message: 'Port 3 for service s has not been allowed.' }],
      output: null,
    },
    {
      name: 'letters around a range make conversion fail → not allowed',
      yaml: svc('[{port: 85}]'),
      params: { allowedServicePortsList: ['a80-90', '80-90b'] },
      errors: [{ path: 'spec.ports[0].port', container: null, resource: 'Service/s', message: 'Port 85 for service s has not been allowed.' }],
      output: null,
    },
    {
      name: '"-1" is literal and allows nothing when mixed with a real list',
      yaml: svc('[{port: 1}]'),
      params: { allowedServicePortsList: ['-1', '80'] },
      errors: [{ path: 'spec.ports[0].port', container: null, resource: 'Service/s', message: 'Port 1 for service s has not been allowed.' }],
      output: null,
    },
    {
      name: 'same port twice (TCP and UDP) gives one finding',
      yaml: svc('[{port: 53, protocol: TCP}, {port: 53, protocol: UDP}]'),
      params: { allowedServicePortsList: ['80'] },
      errors: [{ path: 'spec.ports[0].port', container: null, resource: 'Service/s', message: 'Port 53 for service s has not been allowed.' }],
      output: null,
    },
    {
      name: 'Service kubernetes in another namespace is checked',
      yaml: svc('[{port: 443}]', '{name: kubernetes, namespace: web}'),
      params: { allowedServicePortsList: ['80'] },
      errors: [{ path: 'spec.ports[0].port', container: null, resource: 'Service/kubernetes', message: 'Port 443 for service kubernetes has not been allowed.' }],
      output: null,
    },
  ],
});

test(`${ID}: the MCSB default ["-1"] gives one notice, not a finding per Service`, () => {
  const r = runCheck(ID, `${svc('[{port: 80}]')}---\n${svc('[{port: 6001}]', '{name: t}')}`);
  assert.equal(r.findings.length, 0);
  assert.equal(r.notices.length, 1);
  assert.match(r.notices[0]!.message, /policies\.disallowed-service-port\.parameters\.allowedServicePortsList/);
  const ja = runCheck(ID, svc('[{port: 80}]'), { lang: 'ja' });
  assert.match(ja.notices[0]!.message, /構成が必要/);
});

test(`${ID}: the default list, if evaluated, allows no port`, () => {
  for (const p of [1, 80, 443, 65535]) assert.equal(portAllowed(['-1'], p), false);
});

test(`${ID}: Japanese message`, () => {
  const r = runCheck(ID, svc('[{port: 6001}]'), { lang: 'ja', params: { allowedServicePortsList: ['80'] } });
  assert.deepEqual(r.findings.map((f) => f.message), ['サービス s のポート 6001 は許可されていません。']);
});

test(`${ID}: a non-integer port is an input error`, () => {
  const r = runCheck(ID, svc('[{port: "80"}]'), { params: { allowedServicePortsList: ['80'] } });
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
});

test(`${ID}: numbers in the parameter list are rejected (Azure's type is array of strings)`, async () => {
  const check = (await import('./disallowed-service-port.js')).default;
  assert.equal(check.params.safeParse({ allowedServicePortsList: [80] }).success, false);
});
