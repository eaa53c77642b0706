// What a real node showed for each change that can stop a workload: the Pod, how mamori fix was asked, the outcome before and after (test/live/fix-observed.test.ts checks every row).

/**
 * One observation. The Pod runs `mamori.local/busybox:1.35` (Debian's busybox-static) once
 * (restartPolicy: Never) on a containerd + kubelet node; `$HOSTDIR` is a directory on the node that
 * the test prepares (a setuid-root busybox in `suid/`, a file only group 0 may read in `group/`, a
 * writable `rw/`), `$PORT` a port on the node's loopback where an HTTP server answers.
 */
export interface Observation {
  /** the ChangeSpec id, as docs/fix.md lists it */
  change: string;
  /** a name for the case, unique in the list */
  name: string;
  /** the check whose change is applied (`mamori fix --write --policy <check>`) */
  check: string;
  /** how the change was asked for: by default (`--risk safe`) or by name (`--apply-suggestion <check>`) */
  ask: 'default' | 'suggestion';
  /** `--set` values */
  set?: readonly string[];
  /** the check's parameters for the run (mamori.yaml `policies.<check>.parameters`) */
  parameters?: Record<string, unknown>;
  /** what the program does, for a reader */
  program: string;
  /** the container's shell command */
  command: string;
  /** fields of the container besides name, image and command */
  container?: Record<string, unknown>;
  /** fields of the pod spec besides containers */
  spec?: Record<string, unknown>;
  annotations?: Record<string, string>;
  /** the Pod before the change holds a field the API server drops: applied with `kubectl --validate=false`, as clients before v1.27 did */
  lenient?: boolean;
  /** the container's outcome before the change, then after it: `Completed`, `<reason> (exit <n>): <last log line>`, or `<waiting reason>: <message>` */
  before: string;
  after: string;
}

export const OBSERVATIONS: readonly Observation[] = [
  {
    change: 'disable-token-automount', name: 'token-reader', check: 'service-account-token-automount', ask: 'suggestion',
    program: 'reads its service-account token, as a client of the API server (or of Vault\'s Kubernetes auth) does; the namespace\'s default account, bound to no role',
    command: 'cat /var/run/secrets/kubernetes.io/serviceaccount/token > /dev/null',
    before: 'Completed',
    after: "Error (exit 1): cat: can't open '/var/run/secrets/kubernetes.io/serviceaccount/token': No such file or directory",
  },
  {
    change: 'set-allow-privilege-escalation-false', name: 'setuid', check: 'privilege-escalation-allowed', ask: 'suggestion',
    program: 'runs as uid 1000 and pings through a setuid-root busybox (as ping, sudo or su do on older images)',
    command: '/suid/busybox ping -c 1 -W 2 127.0.0.1 > /dev/null',
    container: { securityContext: { runAsUser: 1000 }, volumeMounts: [{ name: 'suid', mountPath: '/suid', readOnly: true }] },
    spec: { volumes: [{ name: 'suid', hostPath: { path: '$HOSTDIR/suid' } }] },
    before: 'Completed',
    after: 'Error (exit 1): ping: permission denied (are you root?)',
  },
  {
    change: 'set-run-as-non-root', name: 'non-root-with-uid', check: 'pss-run-as-non-root', ask: 'default',
    program: 'runs as uid 1000 (the evidence: runAsUser is set and non-zero)',
    command: 'test "$(id -u)" = 1000',
    container: { securityContext: { runAsUser: 1000 } },
    before: 'Completed',
    after: 'Completed',
  },
  {
    change: 'set-run-as-non-root', name: 'non-root-root-image', check: 'pss-run-as-non-root', ask: 'suggestion',
    program: 'runs as the image\'s user, root (no runAsUser)',
    command: 'id -u',
    before: 'Completed',
    after: 'CreateContainerConfigError: container has runAsNonRoot and image will run as root',
  },
  {
    change: 'set-seccomp-runtime-default', name: 'user-namespace', check: 'nsa-seccomp', ask: 'suggestion',
    program: 'creates a user namespace (unshare -U), as rootless builders and sandboxes do; not privileged, no CAP_SYS_ADMIN',
    command: 'unshare -U true',
    before: 'Completed',
    after: 'Error (exit 1): unshare: unshare(0x10000000): Operation not permitted',
  },
  {
    change: 'annotation-to-field', name: 'seccomp-annotation', check: 'seccomp-annotation-deprecated', ask: 'suggestion',
    program: 'creates a user namespace; the pod asks for runtime/default through the old annotation only',
    command: 'unshare -U true',
    annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' },
    before: 'Completed',
    after: 'Error (exit 1): unshare: unshare(0x10000000): Operation not permitted',
  },
  {
    change: 'set-privileged-false', name: 'privileged-mount', check: 'privileged-container', ask: 'suggestion',
    program: 'mounts a tmpfs (a privileged operation)',
    command: 'mkdir -p /tmp/m && mount -t tmpfs none /tmp/m',
    container: { securityContext: { privileged: true } },
    before: 'Completed',
    after: 'Error (exit 1): mount: permission denied (are you root?)',
  },
  {
    change: 'remove-sys-admin', name: 'sys-admin-mount', check: 'sys-admin-capability', ask: 'suggestion',
    program: 'mounts a tmpfs with CAP_SYS_ADMIN',
    command: 'mkdir -p /tmp/m && mount -t tmpfs none /tmp/m',
    container: { securityContext: { capabilities: { add: ['SYS_ADMIN'] } } },
    before: 'Completed',
    after: 'Error (exit 1): mount: permission denied (are you root?)',
  },
  {
    change: 'remove-host-namespaces', name: 'host-pid', check: 'host-namespace-shared', ask: 'suggestion',
    program: 'looks for the node\'s kubelet among the processes it sees (hostPID), as node monitoring agents do',
    command: "pidof kubelet > /dev/null || { echo 'no kubelet among the processes in sight'; exit 1; }",
    spec: { hostPID: true },
    before: 'Completed',
    after: 'Error (exit 1): no kubelet among the processes in sight',
  },
  {
    change: 'leave-host-network', name: 'host-network', check: 'host-network-or-port', ask: 'suggestion',
    program: 'calls an agent that listens on the node\'s loopback (hostNetwork)',
    command: 'wget -q -O /dev/null http://127.0.0.1:$PORT/',
    spec: { hostNetwork: true },
    before: 'Completed',
    after: "Error (exit 1): wget: can't connect to remote host (127.0.0.1): Connection refused",
  },
  {
    change: 'drop-all-capabilities', name: 'chown', check: 'nsa-capabilities', ask: 'suggestion',
    program: 'changes a file\'s owner (CAP_CHOWN, a default capability)',
    command: 'touch /tmp/f && chown 1 /tmp/f',
    before: 'Completed',
    after: 'Error (exit 1): chown: /tmp/f: Operation not permitted',
  },
  {
    change: 'drop-required-capabilities', name: 'chown-required-drop', check: 'disallowed-capabilities', ask: 'suggestion',
    parameters: { requiredDropCapabilities: ['CHOWN'] },
    program: 'changes a file\'s owner; the policy requires dropping CHOWN',
    command: 'touch /tmp/f && chown 1 /tmp/f',
    before: 'Completed',
    after: 'Error (exit 1): chown: /tmp/f: Operation not permitted',
  },
  {
    change: 'stop-adding-capabilities', name: 'net-admin', check: 'disallowed-capabilities', ask: 'suggestion',
    program: 'adds an address to its loopback interface with the NET_ADMIN it adds',
    command: 'ip addr add 10.9.9.9/32 dev lo',
    container: { securityContext: { capabilities: { add: ['NET_ADMIN'] } } },
    before: 'Completed',
    after: 'Error (exit 2): ip: RTNETLINK answers: Operation not permitted',
  },
  {
    change: 'set-read-only-root-filesystem', name: 'write-root', check: 'writable-root-filesystem', ask: 'suggestion',
    program: 'writes a file outside its volumes',
    command: 'touch /x',
    before: 'Completed',
    after: 'Error (exit 1): touch: /x: Read-only file system',
  },
  {
    change: 'move-field', name: 'misplaced-read-only-root', check: 'misplaced-security-context-field', ask: 'suggestion',
    program: 'writes a file outside its volumes; readOnlyRootFilesystem is written at pod level, where Kubernetes drops it',
    command: 'touch /x',
    spec: { securityContext: { readOnlyRootFilesystem: true } },
    lenient: true,
    before: 'Completed',
    after: 'Error (exit 1): touch: /x: Read-only file system',
  },
  {
    change: 'mount-host-path-read-only', name: 'host-path-write', check: 'disallowed-host-path', ask: 'suggestion',
    parameters: { allowedHostPaths: { paths: [{ pathPrefix: '$HOSTDIR', readOnly: true }] } },
    program: 'writes to its hostPath volume',
    command: 'touch /host/written',
    container: { volumeMounts: [{ name: 'host', mountPath: '/host' }] },
    spec: { volumes: [{ name: 'host', hostPath: { path: '$HOSTDIR/rw' } }] },
    before: 'Completed',
    after: 'Error (exit 1): touch: /host/written: Read-only file system',
  },
  {
    change: 'set-run-as-user', name: 'root-user', check: 'run-as-root', ask: 'suggestion',
    program: 'runs as uid 0 and writes to root\'s home directory',
    command: 'touch /root/.profile',
    container: { securityContext: { runAsUser: 0, runAsGroup: 1000 } },
    before: 'Completed',
    after: 'Error (exit 1): touch: /root/.profile: Permission denied',
  },
  {
    change: 'set-run-as-user-non-root', name: 'image-user', check: 'run-as-root', ask: 'suggestion',
    program: 'runs as the image\'s user (root) and writes to root\'s home directory',
    command: 'touch /root/.profile',
    container: { securityContext: { runAsGroup: 1000 } },
    before: 'Completed',
    after: 'Error (exit 1): touch: /root/.profile: Permission denied',
  },
  {
    change: 'set-group', name: 'group-file', check: 'run-as-root', ask: 'suggestion',
    program: 'runs as uid 1000, gid 0 and reads a file only group 0 may read',
    command: 'cat /host/group-only > /dev/null',
    container: { securityContext: { runAsUser: 1000, runAsGroup: 0 }, volumeMounts: [{ name: 'host', mountPath: '/host', readOnly: true }] },
    spec: { volumes: [{ name: 'host', hostPath: { path: '$HOSTDIR/group' } }] },
    before: 'Completed',
    after: "Error (exit 1): cat: can't open '/host/group-only': Permission denied",
  },
  {
    change: 'set-limits', name: 'memory-limit', check: 'missing-resource-limits', ask: 'suggestion', set: ['limits.cpu=250m', 'limits.memory=32Mi'],
    program: 'fills a 64 MiB buffer',
    command: 'dd if=/dev/zero of=/dev/null bs=64M count=1',
    before: 'Completed',
    after: 'OOMKilled (exit 137)',
  },
  {
    change: 'lower-limit', name: 'lower-memory-limit', check: 'missing-resource-limits', ask: 'suggestion',
    parameters: { memoryLimit: '32Mi' },
    program: 'fills a 64 MiB buffer under a 256 MiB limit; the policy allows at most 32 MiB',
    command: 'dd if=/dev/zero of=/dev/null bs=64M count=1',
    container: { resources: { limits: { cpu: '250m', memory: '256Mi' } } },
    before: 'Completed',
    after: 'OOMKilled (exit 137)',
  },
];

/** Changes that can stop a workload but that this node cannot show, and why. */
export const NOT_OBSERVED: Readonly<Record<string, string>> = {
  'force-ssl-redirect': 'needs an ingress controller and a client; the node runs neither',
  'use-allowed-apparmor-profile': 'the test machine\'s kernel has no AppArmor (profiles are checked with apparmor_parser only)',
};
