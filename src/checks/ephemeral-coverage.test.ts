// Every check that judges containers judges ephemeral ones too (kubectl debug adds them to running pods), bar the documented few.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_CHECKS } from './index.js';
import { runCheck } from '../../test/support/check-run.js';

/**
 * Checks that leave ephemeral containers out, and why (docs/security.md says the same):
 * Kubernetes forbids resources on ephemeral containers, so a limit cannot be asked of them; they share
 * the pod's cgroup, and pod-level resources or a LimitRange/ResourceQuota bound them instead.
 */
export const NOT_EPHEMERAL: ReadonlyMap<string, string> = new Map([
  ['missing-resource-limits', 'the API server rejects resources on ephemeral containers'],
  ['nsa-resource-limits', 'the API server rejects resources on ephemeral containers'],
]);

/** Pod checks that judge pod-level fields only: an ephemeral container cannot change their verdict. */
const POD_LEVEL = new Set([
  'host-namespace-shared', 'nsa-host-namespaces', 'pss-host-namespaces', 'nsa-fs-group', 'nsa-supplemental-groups',
  'nsa-network-policy', 'pss-sysctls', 'pss-restricted-volumes', 'pss-host-path-volumes', 'service-account-token-automount',
  'nsa-service-account-token', 'pss-host-probes', 'nsa-host-path',
]);

/** What each check needs configured before it judges anything. */
const PARAMS: Record<string, Record<string, unknown>> = {
  'untrusted-registry': { allowedContainerImagesRegex: '^trusted\\.example/.+$' },
  'disallowed-capabilities': { allowedCapabilities: [], requiredDropCapabilities: ['ALL'] },
  // the volume is allowed, so only the ephemeral container's writable mount can fail it
  'disallowed-host-path': { allowedHostPaths: { paths: [{ pathPrefix: '/', readOnly: true }] } },
};

/** Checks whose container-level wrong is a different one from BAD's (a Localhost profile that cannot load). */
const BAD_SC: Record<string, Record<string, unknown>> = {
  'seccomp-profile-missing': { seccompProfile: { type: 'Localhost' } },
  'apparmor-profile-missing': { appArmorProfile: { type: 'Localhost' } },
};

/** Everything a container can do wrong, on an ephemeral container named dbg. */
const BAD = {
  name: 'dbg',
  image: 'docker.io/evil:latest',
  securityContext: {
    privileged: true, allowPrivilegeEscalation: true, runAsUser: 0, runAsGroup: 0, runAsNonRoot: false,
    capabilities: { add: ['SYS_ADMIN', 'NET_RAW', 'NET_ADMIN', 'ALL'] }, readOnlyRootFilesystem: false, procMount: 'Unmasked',
    seccompProfile: { type: 'Unconfined' }, appArmorProfile: { type: 'Unconfined' }, seLinuxOptions: { type: 'spc_t' },
    windowsOptions: { hostProcess: true },
    // fields that belong on the pod: misplaced-security-context-field
    fsGroup: 0, sysctls: [{ name: 'kernel.shm_rmid_forced', value: '0' }],
  },
  ports: [{ containerPort: 80, hostPort: 80 }],
  volumeMounts: [{ name: 'host', mountPath: '/host' }],
};

/** A pod whose one regular container passes every profile; hostPath volume present but unmounted by it. */
function pod(ephemeral: boolean, id = ''): string {
  const good = {
    name: 'c', image: 'trusted.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000',
    resources: { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
    securityContext: {
      privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001,
      capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' },
    },
  };
  const annotations = ephemeral
    ? { 'container.apparmor.security.beta.kubernetes.io/dbg': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/dbg': 'unconfined' }
    : {};
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', annotations },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10001], seccompProfile: { type: 'RuntimeDefault' } },
      containers: [good],
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
      ...(ephemeral ? { ephemeralContainers: [{ ...BAD, securityContext: { ...BAD.securityContext, ...BAD_SC[id] } }] } : {}),
    },
  });
}

const mentionsDbg = (f: { path: string; container: string | null; message: string; suggestion?: { text: string } }): boolean =>
  f.container === 'dbg' || f.path.includes('ephemeralContainers') || f.message.includes('dbg') || (f.suggestion?.text.includes('dbg') ?? false);

for (const check of ALL_CHECKS) {
  if (check.target !== 'pod') continue;
  const id = check.meta.id;
  test(`${id}: ephemeral containers are ${NOT_EPHEMERAL.has(id) ? 'left out, for a documented reason' : 'judged'}`, () => {
    assert.equal(check.classes.includes('ephemeralContainers'), !NOT_EPHEMERAL.has(id), `classes of ${id}: ${check.classes.join(', ')}`);
    if (NOT_EPHEMERAL.has(id) || POD_LEVEL.has(id)) return;
    const params = PARAMS[id] ?? {};
    const without = runCheck(id, pod(false), { params });
    const withBad = runCheck(id, pod(true, id), { params });
    assert.deepEqual(without.errors, []);
    assert.deepEqual(withBad.errors, []);
    assert.ok(!without.findings.some(mentionsDbg));
    assert.ok(withBad.findings.some(mentionsDbg), `${id} says nothing about the ephemeral container: ${JSON.stringify(withBad.findings.map((f) => f.message))} ${JSON.stringify(withBad.notices)}`);
  });
}

test('POD_LEVEL names only pod checks, so the exemption cannot hide a container check', () => {
  for (const id of POD_LEVEL) {
    const check = ALL_CHECKS.find((c) => c.meta.id === id);
    assert.ok(check && check.target === 'pod', id);
  }
});
