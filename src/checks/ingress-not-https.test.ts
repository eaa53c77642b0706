// Table test for ingress-not-https: the v1 template judges AGIC and NGINX Ingresses only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, runCheck } from '../../test/support/check-run.js';

function ing(opts: { ann?: Record<string, string>; spec?: string; apiVersion?: string }): string {
  const ann = opts.ann ? `  annotations:\n${Object.entries(opts.ann).map(([k, v]) => `    ${k}: "${v}"\n`).join('')}` : '';
  return `apiVersion: ${opts.apiVersion ?? 'networking.k8s.io/v1'}\nkind: Ingress\nmetadata:\n  name: web\n${ann}spec:\n${opts.spec ?? '  rules:\n  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}\n'}`;
}
const TLS = '  tls:\n  - {hosts: [a.example.com], secretName: cert}\n';
const HOSTED = '  rules:\n  - host: a.example.com\n  - host: b.example.com\n';
const AGIC = { 'kubernetes.io/ingress.class': 'azure/application-gateway' };
const FORCE = 'Ingress/web - metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]';

const cases: { name: string; yaml: string; want: string[] }[] = [
  { name: 'no ingress class at all: compliant', yaml: ing({}), want: [] },
  { name: 'traefik, app routing and AGIC-as-ingressClassName are not judged', yaml: [
    ing({ ann: { 'kubernetes.io/ingress.class': 'traefik' } }),
    ing({ spec: '  ingressClassName: webapprouting.kubernetes.azure.com\n' }),
    ing({ spec: '  ingressClassName: azure-application-gateway\n' }),
  ].join('---\n'), want: [] },
  { name: 'AGIC without TLS', yaml: ing({ ann: AGIC }), want: ['Ingress/web - spec.tls'] },
  { name: 'AGIC with an empty tls list', yaml: ing({ ann: AGIC, spec: '  tls: []\n' }), want: ['Ingress/web - spec.tls'] },
  { name: 'AGIC with spec.tls', yaml: ing({ ann: AGIC, spec: TLS }), want: [] },
  { name: 'AGIC with the appgw-ssl-certificate annotation (any value)', yaml: ing({ ann: { ...AGIC, 'appgw.ingress.kubernetes.io/appgw-ssl-certificate': '' } }), want: [] },
  { name: 'AGIC over extensions/v1beta1 is judged too', yaml: ing({ ann: AGIC, apiVersion: 'extensions/v1beta1' }), want: ['Ingress/web - spec.tls'] },
  { name: 'an Ingress kind of another API group is not judged', yaml: ing({ ann: AGIC, apiVersion: 'example.com/v1' }), want: [] },
  { name: 'NGINX (ingressClassName) without TLS: points at spec.tls', yaml: ing({ spec: `  ingressClassName: nginx\n${HOSTED}` }), want: ['Ingress/web - spec.tls'] },
  { name: 'NGINX with TLS and force-ssl-redirect "true"', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }, spec: `  ingressClassName: nginx\n${TLS}` }), want: [] },
  { name: 'NGINX with TLS and every rule hosted: the default ssl-redirect counts as enforced', yaml: ing({ spec: `  ingressClassName: nginx\n${TLS}${HOSTED}` }), want: [] },
  { name: 'NGINX with TLS and hosts but ssl-redirect "false"', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }, spec: `  ingressClassName: nginx\n${TLS}${HOSTED}` }), want: [FORCE] },
  { name: 'NGINX with TLS but one rule without a host', yaml: ing({ spec: `  ingressClassName: nginx\n${TLS}  rules:\n  - host: a.example.com\n  - http: {paths: []}\n` }), want: [FORCE] },
  { name: 'NGINX with TLS but no rules', yaml: ing({ spec: `  ingressClassName: nginx\n${TLS}  defaultBackend: {service: {name: s, port: {number: 80}}}\n` }), want: [FORCE] },
  { name: 'NGINX: force-ssl-redirect is compared as the exact string "true"', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'True' }, spec: `  ingressClassName: nginx\n${TLS}` }), want: [FORCE] },
  { name: 'NGINX: auth-tls-secret stands in for TLS', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true', 'nginx.ingress.kubernetes.io/auth-tls-secret': 'ns/ca' }, spec: '  ingressClassName: nginx\n' }), want: [] },
  { name: 'NGINX: ssl-passthrough "true" stands in for TLS', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' }, spec: `  ingressClassName: nginx\n${HOSTED}` }), want: [] },
  { name: 'NGINX: ssl-passthrough "false" does not', yaml: ing({ ann: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'false' }, spec: `  ingressClassName: nginx\n${HOSTED}` }), want: ['Ingress/web - spec.tls'] },
  { name: 'NGINX by the class annotation when ingressClassName is absent', yaml: ing({ ann: { 'kubernetes.io/ingress.class': 'nginx' } }), want: ['Ingress/web - spec.tls'] },
  { name: 'the class annotation nginx is ignored when ingressClassName names another class', yaml: ing({ ann: { 'kubernetes.io/ingress.class': 'nginx' }, spec: '  ingressClassName: traefik\n' }), want: [] },
  { name: 'judged as both AGIC and NGINX: two findings', yaml: ing({ ann: AGIC, spec: '  ingressClassName: nginx\n' }), want: ['Ingress/web - spec.tls', 'Ingress/web - spec.tls'] },
  { name: 'Pods and Services are not judged', yaml: `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {kubernetes.io/ingress.class: nginx}\nspec: {ports: [{port: 80}]}\n`, want: [] },
];

for (const c of cases) {
  test(`ingress-not-https: ${c.name}`, () => {
    assert.deepEqual(findingsOf('ingress-not-https', c.yaml), c.want);
  });
}

test('ingress-not-https: messages as Azure words them', () => {
  const r = runCheck('ingress-not-https', ing({ ann: AGIC, spec: '  ingressClassName: nginx\n' }));
  assert.deepEqual(r.findings.map((f) => f.message), [
    'Ingress should allow https only. tls configuration is required for web',
    'Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for web',
  ]);
  assert.deepEqual(r.findings.map((f) => f.container), [null, null]);
});
