// Rule tests for ingress-not-https: the v1 template judges AGIC and NGINX Ingresses only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './ingress-not-https.js';

function ing(opts: { ann?: Record<string, string>; spec?: string; apiVersion?: string }): string {
  const ann = opts.ann ? `  annotations:\n${Object.entries(opts.ann).map(([k, v]) => `    ${k}: "${v}"\n`).join('')}` : '';
  return `apiVersion: ${opts.apiVersion ?? 'networking.k8s.io/v1'}\nkind: Ingress\nmetadata:\n  name: web\n${ann}spec:\n${opts.spec ?? '  rules:\n  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}\n'}`;
}
const TLS = '  tls:\n  - {hosts: [a.example.com], secretName: cert}\n';
const HOSTED = '  rules:\n  - host: a.example.com\n  - host: b.example.com\n';
const AGIC = { 'kubernetes.io/ingress.class': 'azure/application-gateway' };

ruleTester(check, {
  valid: [
    { name: 'no ingress class at all: compliant', yaml: ing({}) },
    {
      name: 'traefik, app routing and AGIC-as-ingressClassName are not judged',
      yaml: [
    ing({ ann: { 'kubernetes.io/ingress.class': 'traefik' } }),
    ing({ spec: '  ingressClassName: webapprouting.kubernetes.azure.com\n' }),
    ing({ spec: '  ingressClassName: azure-application-gateway\n' }),
  ].join('---\n'),
    },
    { name: 'AGIC with spec.tls', yaml: ing({ ann: AGIC, spec: TLS }) },
    { name: 'AGIC with the appgw-ssl-certificate annotation (any value)', yaml: ing({ ann: { ...AGIC, 'appgw.ingress.kubernetes.io/appgw-ssl-certificate': '' } }) },
    { name: 'an Ingress kind of another API group is not judged', yaml: ing({ ann: AGIC, apiVersion: 'example.com/v1' }), evaluated: false },
    { name: 'NGINX with TLS and force-ssl-redirect "true"', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }, spec: `  ingressClassName: nginx\n${TLS}` }) },
    { name: 'NGINX with TLS and every rule hosted: the default ssl-redirect counts as enforced', yaml: ing({ spec: `  ingressClassName: nginx\n${TLS}${HOSTED}` }) },
    { name: 'NGINX: auth-tls-secret stands in for TLS', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true', 'nginx.ingress.kubernetes.io/auth-tls-secret': 'ns/ca' }, spec: '  ingressClassName: nginx\n' }) },
    { name: 'NGINX: ssl-passthrough "true" stands in for TLS', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' }, spec: `  ingressClassName: nginx\n${HOSTED}` }) },
    { name: 'the class annotation nginx is ignored when ingressClassName names another class', yaml: ing({ ann: { 'kubernetes.io/ingress.class': 'nginx' }, spec: '  ingressClassName: traefik\n' }) },
    { name: 'Pods and Services are not judged', yaml: `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {kubernetes.io/ingress.class: nginx}\nspec: {ports: [{port: 80}]}\n`, evaluated: false },
  ],
  invalid: [
    {
      name: 'AGIC without TLS',
      yaml: ing({ ann: AGIC }),
      errors: [{ path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration is required for web' }],
      output: null,
    },
    {
      name: 'AGIC with an empty tls list',
      yaml: ing({ ann: AGIC, spec: '  tls: []\n' }),
      errors: [{ path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration is required for web' }],
      output: null,
    },
    {
      name: 'AGIC over extensions/v1beta1 is judged too',
      yaml: ing({ ann: AGIC, apiVersion: 'extensions/v1beta1' }),
      errors: [{ path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration is required for web' }],
      output: null,
    },
    {
      name: 'NGINX (ingressClassName) without TLS: points at spec.tls',
      yaml: ing({ spec: `  ingressClassName: nginx\n${HOSTED}` }),
      errors: [{ path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web' }],
      output: null,
    },
    {
      name: 'NGINX with TLS and hosts but ssl-redirect "false"',
      yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }, spec: `  ingressClassName: nginx\n${TLS}${HOSTED}` }),
      errors: [{ path: 'metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web', change: 'force-ssl-redirect' }],
      output: null,
    },
    {
      name: 'NGINX with TLS but one rule without a host',
      yaml: ing({ spec: `  ingressClassName: nginx\n${TLS}  rules:\n  - host: a.example.com\n  - http: {paths: []}\n` }),
      errors: [{ path: 'metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web', change: 'force-ssl-redirect' }],
      output: null,
    },
    {
      name: 'NGINX with TLS but no rules',
      yaml: ing({ spec: `  ingressClassName: nginx\n${TLS}  defaultBackend: {service: {name: s, port: {number: 80}}}\n` }),
      errors: [{ path: 'metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web', change: 'force-ssl-redirect' }],
      output: null,
    },
    {
      name: 'NGINX: force-ssl-redirect is compared as the exact string "true"',
      yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'True' }, spec: `  ingressClassName: nginx\n${TLS}` }),
      errors: [{ path: 'metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web', change: 'force-ssl-redirect' }],
      output: null,
    },
    {
      name: 'NGINX: ssl-passthrough "false" does not',
      yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'false' }, spec: `  ingressClassName: nginx\n${HOSTED}` }),
      errors: [{ path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web' }],
      output: null,
    },
    {
      name: 'NGINX by the class annotation when ingressClassName is absent',
      yaml: ing({ ann: { 'kubernetes.io/ingress.class': 'nginx' } }),
      errors: [{ path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web' }],
      output: null,
    },
    {
      name: 'judged as both AGIC and NGINX: two findings',
      yaml: ing({ ann: AGIC, spec: '  ingressClassName: nginx\n' }),
      errors: [
        { path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration is required for web' },
        { path: 'spec.tls', container: null, resource: 'Ingress/web', message: 'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web' },
      ],
      output: null,
    },
  ],
});

test('ingress-not-https: messages as Azure words them', () => {
  const r = runCheck('ingress-not-https', ing({ ann: AGIC, spec: '  ingressClassName: nginx\n' }));
  assert.deepEqual(r.findings.map((f) => f.message), [
    'Ingress should allow https only. tls configuration is required for web',
    'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web',
  ]);
  assert.deepEqual(r.findings.map((f) => f.container), [null, null]);
});
