// For every check with a change: a table of manifests, whether the change is applied by default or offered, and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEngineConfig } from '../../src/config/load.js';
import { scanTexts } from '../../src/scan/texts.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import type { Finding } from '../../src/core/report.js';

type Obj = Record<string, unknown>;

const meta = { name: 'p', namespace: 'shop' };
const pod = (spec: Obj): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec });
const one = (sc?: Obj, extra: Obj = {}): Obj => pod({ ...extra, containers: [{ name: 'c', image: 'x', ...(sc ? { securityContext: sc } : {}) }] });
const ingress = (annotations: Obj): Obj => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { ...meta, annotations },
  spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example'], secretName: 's' }], rules: [{ http: { paths: [] } }] },
});
const hostPathPod = pod({
  volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
  containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }],
});

interface Row {
  policy: string;
  /** why this case: the title of its assertion */
  name: string;
  docs: Obj[];
  params?: Obj;
  change: string;
  applied: boolean;
  /** the reason must say this */
  reason: RegExp;
}

// What a node showed stop a program although the manifest looks harmless (src/fix/observed.ts): offered, never applied by default.
const SETUID = /setuid .* run by a non-root user .* fail/;
const TOKEN_READER = /only reads the token .* even when no role is bound/;
const USER_NS = /creates a user namespace.* neither privileged nor adds CAP_SYS_ADMIN/;
const ROWS: Row[] = [
  { policy: 'privileged-container', name: 'a privileged container may need host devices', docs: [one({ privileged: true })], change: 'set-privileged-false', applied: false, reason: /host devices/ },
  { policy: 'privilege-escalation-allowed', name: 'non-root user, not privileged, no CAP_SYS_ADMIN (a setuid program still needs escalation)', docs: [one({ runAsUser: 1000 })], change: 'set-allow-privilege-escalation-false', applied: false, reason: SETUID },
  { policy: 'privilege-escalation-allowed', name: 'the manifest asks for escalation', docs: [one({ runAsUser: 1000, allowPrivilegeEscalation: true })], change: 'set-allow-privilege-escalation-false', applied: false, reason: /setuid/ },
  { policy: 'privilege-escalation-allowed', name: 'CAP_SYS_ADMIN (the API server refuses the pair)', docs: [one({ runAsUser: 1000, capabilities: { add: ['SYS_ADMIN'] } })], change: 'set-allow-privilege-escalation-false', applied: false, reason: /CAP_SYS_ADMIN/ },
  { policy: 'writable-root-filesystem', name: 'the program may write its root filesystem', docs: [one()], change: 'set-read-only-root-filesystem', applied: false, reason: /emptyDir/ },
  { policy: 'host-namespace-shared', name: 'agents may need the host PID namespace', docs: [one(undefined, { hostPID: true })], change: 'remove-host-namespaces', applied: false, reason: /processes/ },
  { policy: 'service-account-token-automount', name: 'default ServiceAccount, no role bound (a program may still read its token)', docs: [one()], change: 'disable-token-automount', applied: false, reason: TOKEN_READER },
  { policy: 'service-account-token-automount', name: 'the pod names its own ServiceAccount', docs: [one(undefined, { serviceAccountName: 'csi-provisioner' })], change: 'disable-token-automount', applied: false, reason: /API token/ },
  { policy: 'service-account-token-automount', name: 'the pod asks for the token', docs: [one(undefined, { automountServiceAccountToken: true })], change: 'disable-token-automount', applied: false, reason: /API token/ },
  { policy: 'disallowed-capabilities', name: 'an added capability may be in use', docs: [one({ capabilities: { add: ['NET_ADMIN'] } })], change: 'stop-adding-capabilities', applied: false, reason: /loses a capability/ },
  { policy: 'disallowed-capabilities', name: 'dropping default capabilities', docs: [one()], params: { requiredDropCapabilities: ['NET_RAW'] }, change: 'drop-required-capabilities', applied: false, reason: /CHOWN/ },
  { policy: 'misplaced-security-context-field', name: 'a permissive field Kubernetes ignores goes', docs: [pod({ securityContext: { privileged: true }, containers: [{ name: 'c', image: 'x' }] })], change: 'remove-ignored-field', applied: true, reason: /changes nothing/ },
  { policy: 'misplaced-security-context-field', name: 'moving a field turns it on', docs: [pod({ securityContext: { readOnlyRootFilesystem: true }, containers: [{ name: 'c', image: 'x' }] })], change: 'move-field', applied: false, reason: /first time/ },
  { policy: 'apparmor-annotation', name: 'annotation to the same field', docs: [{ ...pod({ containers: [{ name: 'c', image: 'x' }] }), metadata: { ...meta, annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'runtime/default' } } }], change: 'annotation-to-field', applied: true, reason: /same profile/ },
  { policy: 'apparmor-annotation', name: 'annotation the field already states', docs: [{ ...one({ appArmorProfile: { type: 'RuntimeDefault' } }), metadata: { ...meta, annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'runtime/default' } } }], change: 'remove-duplicate-annotation', applied: true, reason: /same profile/ },
  { policy: 'seccomp-annotation-deprecated', name: 'annotation the field already states', docs: [{ ...one(undefined, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }), metadata: { ...meta, annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } } }], change: 'remove-duplicate-annotation', applied: true, reason: /same profile/ },
  { policy: 'seccomp-annotation-deprecated', name: 'moving the annotation turns the profile on', docs: [{ ...one(), metadata: { ...meta, annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } } }], change: 'annotation-to-field', applied: false, reason: /first time/ },
  { policy: 'run-as-root', name: 'image user unknown', docs: [one()], change: 'set-run-as-user-non-root', applied: false, reason: /Image user unknown.*--set runAsUser=10001/ },
  { policy: 'run-as-root', name: 'a disallowed uid', docs: [one({ runAsUser: 0, runAsGroup: 1000 })], change: 'set-run-as-user', applied: false, reason: /another uid/ },
  { policy: 'run-as-root', name: 'a group to choose', docs: [one({ runAsUser: 1000 })], change: 'set-group', applied: false, reason: /groups/ },
  { policy: 'host-network-or-port', name: 'clients may use the host address', docs: [one(undefined, { hostNetwork: true })], change: 'leave-host-network', applied: false, reason: /Service/ },
  { policy: 'disallowed-host-path', name: 'the program may write the host path', docs: [hostPathPod], params: { allowedHostPaths: { paths: [{ pathPrefix: '/var/log', readOnly: true }] } }, change: 'mount-host-path-read-only', applied: false, reason: /writes to the host path/ },
  { policy: 'ingress-not-https', name: 'plain-HTTP clients are redirected', docs: [ingress({})], change: 'force-ssl-redirect', applied: false, reason: /redirect/ },
  { policy: 'disallowed-apparmor-profile', name: 'another profile may deny what the program does', docs: [one({ appArmorProfile: { type: 'Unconfined' } })], params: { readAppArmorField: true }, change: 'use-allowed-apparmor-profile', applied: false, reason: /another profile/ },
  { policy: 'sys-admin-capability', name: 'mounts and namespaces need SYS_ADMIN', docs: [one({ capabilities: { add: ['SYS_ADMIN'] } })], change: 'remove-sys-admin', applied: false, reason: /CAP_SYS_ADMIN/ },
  { policy: 'missing-resource-limits', name: 'limits must fit the workload', docs: [one()], change: 'set-limits', applied: false, reason: /OOM/ },
  { policy: 'missing-resource-limits', name: 'a limit above the maximum', docs: [pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '100', memory: '1Gi' } } }] })], change: 'lower-limit', applied: false, reason: /less memory or CPU/ },
  { policy: 'pss-host-namespaces', name: 'agents may need host namespaces', docs: [one(undefined, { hostIPC: true })], change: 'remove-host-namespaces', applied: false, reason: /shared memory/ },
  { policy: 'pss-privileged', name: 'a privileged container may need host devices', docs: [one({ privileged: true })], change: 'set-privileged-false', applied: false, reason: /host devices/ },
  { policy: 'pss-capabilities-restricted', name: 'dropping ALL removes default capabilities', docs: [one()], change: 'drop-all-capabilities', applied: false, reason: /default capabilities/ },
  { policy: 'pss-allow-privilege-escalation', name: 'no container privileged or with CAP_SYS_ADMIN', docs: [one()], change: 'set-allow-privilege-escalation-false', applied: false, reason: SETUID },
  { policy: 'pss-allow-privilege-escalation', name: 'a privileged container', docs: [one({ privileged: true })], change: 'set-allow-privilege-escalation-false', applied: false, reason: /privileged container/ },
  { policy: 'pss-run-as-non-root', name: 'every container has a non-zero uid', docs: [one({ runAsUser: 1000 })], change: 'set-run-as-non-root', applied: true, reason: /non-zero runAsUser \(1000\)/ },
  { policy: 'pss-run-as-non-root', name: 'image user unknown', docs: [one()], change: 'set-run-as-non-root', applied: false, reason: /Image user unknown/ },
  { policy: 'pss-seccomp-restricted', name: 'no container privileged or with CAP_SYS_ADMIN', docs: [one()], change: 'set-seccomp-runtime-default', applied: false, reason: USER_NS },
  { policy: 'pss-seccomp-restricted', name: 'a container with CAP_SYS_ADMIN', docs: [one({ capabilities: { add: ['CAP_SYS_ADMIN'] } })], change: 'set-seccomp-runtime-default', applied: false, reason: /syscall/ },
  { policy: 'nsa-allow-privilege-escalation', name: 'nothing privileged or with CAP_SYS_ADMIN', docs: [one()], change: 'set-allow-privilege-escalation-false', applied: false, reason: SETUID },
  { policy: 'nsa-allow-privilege-escalation', name: 'CAP_SYS_ADMIN', docs: [one({ capabilities: { add: ['sys_admin'] } })], change: 'set-allow-privilege-escalation-false', applied: false, reason: /CAP_SYS_ADMIN/ },
  { policy: 'nsa-capabilities', name: 'dropping ALL removes default capabilities', docs: [one()], change: 'drop-all-capabilities', applied: false, reason: /default capabilities/ },
  { policy: 'nsa-privileged', name: 'a privileged container may need host devices', docs: [one({ privileged: true })], change: 'set-privileged-false', applied: false, reason: /host devices/ },
  { policy: 'nsa-run-as-non-root', name: 'uid set at pod level', docs: [one(undefined, { securityContext: { runAsUser: 2000 } })], change: 'set-run-as-non-root', applied: true, reason: /non-zero runAsUser \(2000\)/ },
  { policy: 'nsa-run-as-non-root', name: 'uid 0', docs: [one({ runAsUser: 0 })], change: 'set-run-as-non-root', applied: false, reason: /Image user unknown/ },
  { policy: 'nsa-seccomp', name: 'nothing privileged', docs: [one()], change: 'set-seccomp-runtime-default', applied: false, reason: USER_NS },
  { policy: 'nsa-seccomp', name: 'a privileged container', docs: [one({ privileged: true })], change: 'set-seccomp-runtime-default', applied: false, reason: /syscall/ },
  { policy: 'nsa-service-account-token', name: 'default ServiceAccount, no role bound', docs: [one()], change: 'disable-token-automount', applied: false, reason: TOKEN_READER },
  { policy: 'nsa-service-account-token', name: 'its own ServiceAccount', docs: [one(undefined, { serviceAccountName: 'kube-dns' })], change: 'disable-token-automount', applied: false, reason: /API token/ },
];

function findings(row: Row): Finding[] {
  const cfg = resolveEngineConfig(
    { config: row.params ? { policies: { [row.policy]: { parameters: row.params } } } : {}, file: null },
    { only: [row.policy], lang: 'en', today: '2026-01-01' },
  );
  const text = row.docs.map((d) => JSON.stringify(d)).join('\n---\n');
  return scanTexts(cfg, [{ file: 't.yaml', text }]).findings.filter((f) => f.status === 'open');
}

for (const row of ROWS) {
  test(`change ${row.policy} ${row.change}: ${row.applied ? 'applied' : 'offered'} — ${row.name}`, () => {
    const f = findings(row).find((x) => x.change?.id === row.change);
    assert.ok(f, `no finding with change ${row.change}`);
    assert.equal(f.fix !== undefined, row.applied, row.applied ? 'expected a fix' : 'expected no fix');
    assert.equal(f.suggestion !== undefined, !row.applied, row.applied ? 'expected no suggestion' : 'expected a suggestion');
    assert.match(f.change!.reason, row.reason);
  });
}

test('changes: every check with a change has a row for each of its changes, and each evidence change is shown applied and offered', () => {
  const seen = new Map<string, Set<boolean>>();
  for (const r of ROWS) {
    const k = `${r.policy} ${r.change}`;
    seen.set(k, (seen.get(k) ?? new Set()).add(r.applied));
  }
  const missing: string[] = [];
  for (const c of ALL_CHECKS) {
    for (const spec of c.meta.changes ?? []) {
      const k = `${c.meta.id} ${spec.id}`;
      const got = seen.get(k);
      if (!got) missing.push(k);
      else if (spec.risk === 'evidence' && got.size < 2) missing.push(`${k} (needs an applied and an offered row)`);
      else if (spec.risk === 'may-break' && got.has(true)) missing.push(`${k} (may-break, but a row says applied)`);
    }
  }
  assert.deepEqual(missing, []);
});

test('changes: every declared change states its risk with a reason, and evidence changes say what evidence they need', () => {
  for (const c of ALL_CHECKS) {
    for (const spec of c.meta.changes ?? []) {
      assert.ok(spec.why.en && spec.why.ja, `${c.meta.id} ${spec.id}: no reason`);
      if (spec.risk === 'evidence') assert.ok(spec.evidence?.en, `${c.meta.id} ${spec.id}: evidence change without its evidence`);
      if (spec.risk !== 'safe') assert.ok(spec.needs?.en, `${c.meta.id} ${spec.id}: a suggestion must say what it needs`);
    }
  }
});
