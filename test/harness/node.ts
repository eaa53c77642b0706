// Starts a real node (containerd + kubelet) joined to a harness cluster, so Pods really run; one per machine, host restored on stop.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { homedir, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cacheDir, requireOrSkip as requireClusterOrSkip, skipReason as clusterSkipReason, versions, type Cluster, type KubectlResult } from './cluster.js';
import { captureHostState, restoreHostState, type HostState } from './host-state.js';

export const IMAGES = { pause: 'mamori.local/pause:1', busybox: 'mamori.local/busybox:1.35' } as const;
const installHint = 'run tools/install-node.sh and tools/k8s/install.sh as root';
const LOCK_DIR = '/run/lock/mamori-node';

export interface NodeOptions {
  /** Node name; default `mamori-node`. */
  name?: string;
  /** How long to wait for containerd, the kubelet and the Node's Ready condition. */
  readyTimeoutMs?: number;
  /** How long to wait for another test file's node to stop. */
  lockTimeoutMs?: number;
  /** Keep the temp dir (configs, logs) after stop, for debugging. */
  keepTempDir?: boolean;
}

export interface ContainerOutcome {
  name: string;
  state: 'running' | 'terminated' | 'waiting' | 'unknown';
  reason?: string;
  message?: string;
  exitCode?: number;
}

export interface PodOutcome {
  namespace: string;
  name: string;
  /** The Pod's phase: Pending, Running, Succeeded, Failed. */
  phase: string;
  /** Running: its containers started; Succeeded/Failed: the Pod ended (Failed also when a container exited non-zero); Blocked: a container cannot start (see reason). */
  outcome: 'Running' | 'Succeeded' | 'Failed' | 'Blocked';
  /** For Blocked, the first container's waiting reason (e.g. CreateContainerConfigError, CrashLoopBackOff). */
  reason?: string;
  message?: string;
  containers: ContainerOutcome[];
  /** The Pod as the API server returned it. */
  pod: Record<string, unknown>;
}

export interface RunPodOptions {
  /** Namespace when the manifest has none; default `default`. */
  namespace?: string;
  /** `started` (default): return once every container runs, or the Pod ended or is blocked. `finished`: wait until it ends or is blocked. */
  until?: 'started' | 'finished';
  timeoutMs?: number;
}

export interface HostRestore {
  /** The host as it was before the node started (taken under the lock). */
  before: HostState;
  /** The host after stop() undid the node (still under the lock). */
  after: HostState;
  /** What could not be undone; empty when the host is as before. */
  errors: string[];
}

export interface Node {
  name: string;
  /** The kubelet's --root-dir. */
  rootDir: string;
  /** The kubelet's seccomp profile root (`<rootDir>/seccomp`): `localhostProfile: x.json` is read from here. */
  seccompDir: string;
  /** Temp dir with configs and logs (`containerd.log`, `kubelet.log`). */
  dir: string;
  /** unix socket of containerd's CRI and API. */
  containerdSocket: string;
  /** Milliseconds from startNode() (after the lock) until the Node was Ready. */
  startupMs: number;
  images: typeof IMAGES;
  /** Applies a Pod manifest (YAML or object) with `spec.nodeName` set to this node and waits as `opts.until` says. */
  runPod(manifest: string | Record<string, unknown>, opts?: RunPodOptions): Promise<PodOutcome>;
  /** Waits for an existing Pod (e.g. one a controller made) as runPod does. */
  waitForPod(namespace: string, name: string, opts?: Omit<RunPodOptions, 'namespace'>): Promise<PodOutcome>;
  /** `kubectl logs` through the API server and the kubelet. */
  logs(namespace: string, name: string, container?: string): Promise<string>;
  /** `kubectl exec` through the API server and the kubelet. */
  exec(namespace: string, name: string, command: string[], container?: string): Promise<KubectlResult>;
  /** Deletes a Pod at once (force, grace 0); the kubelet kills its containers soon after. */
  deletePod(namespace: string, name: string): Promise<void>;
  /** `ctr -n k8s.io …` against this node's containerd. */
  ctr(args: string[]): KubectlResult;
  /** Stops the kubelet, every container and containerd, and restores the host; also releases the lock. */
  stop(): Promise<HostRestore>;
}

function kubeletPath(): string {
  return join(cacheDir(), versions().k8sVersion, 'kubelet');
}

export function nodeImagesDir(): string {
  return join(process.env.MAMORI_TOOL_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mamori'), 'node', 'images');
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function missingParts(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root');
  for (const cmd of ['containerd', 'ctr', 'runc', 'iptables-save', 'nft', 'ip']) if (!onPath(cmd)) missing.push(cmd);
  if (!existsSync('/usr/lib/cni/bridge')) missing.push('containernetworking-plugins');
  if (!existsSync(kubeletPath())) missing.push('kubelet');
  for (const img of ['pause.tar', 'busybox.tar']) if (!existsSync(join(nodeImagesDir(), img))) missing.push(`images/${img}`);
  return missing;
}

/** Why node tests cannot run here (including why the cluster cannot), or null when they can. */
export function nodeSkipReason(): string | null {
  const cluster = clusterSkipReason();
  if (cluster) return cluster;
  const missing = missingParts();
  return missing.length ? `skipped: needs ${missing.join(', ')} (${installHint})` : null;
}

/**
 * Like cluster.ts's requireOrSkip, for tests that need a node: locally a visible skip, under CI=true a failure.
 * `if (!requireNodeOrSkip(t)) return;`
 */
export function requireNodeOrSkip(t: { skip(message?: string): void }): boolean {
  if (!requireClusterOrSkip(t)) return false;
  const reason = nodeSkipReason();
  if (reason === null) return true;
  if (process.env.CI === 'true') throw new Error(`test node unavailable under CI: ${reason.replace(/^skipped: /, '')}`);
  t.skip(reason);
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function processStartTime(pid: number): string | null {
  try {
    // Field 22 (starttime) after the parenthesised comm, which may itself hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function ownerAlive(owner: { pid: number; start: string }): boolean {
  return processStartTime(owner.pid) === owner.start;
}

interface Lock {
  release(): void;
  /** The host state left by an owner that died holding the lock, to be restored before starting. */
  staleBefore?: HostState;
}

// One node per machine: the lock records its owner's pid and start time, so a lock left by a dead process is taken over.
async function acquireLock(timeoutMs: number): Promise<Lock> {
  mkdirSync('/run/lock', { recursive: true });
  const lockFile = `${LOCK_DIR}.lock`;
  const me = { pid: process.pid, start: processStartTime(process.pid) ?? '' };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner: { pid: number; start: string } | undefined;
    try {
      owner = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; start: string };
    } catch {
      /* being written right now, or torn: judged below by age */
    }
    if (owner ? !ownerAlive(owner) : Date.now() - safeMtime(lockFile) > 5000) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for the test node lock ${lockFile} (held by pid ${owner?.pid})`);
    await sleep(500);
  }
  let staleBefore: HostState | undefined;
  try {
    staleBefore = JSON.parse(readFileSync(join(LOCK_DIR, 'before.json'), 'utf8')) as HostState;
  } catch {
    /* the last owner stopped cleanly */
  }
  return {
    staleBefore,
    release: () => {
      rmSync(LOCK_DIR, { recursive: true, force: true });
      rmSync(lockFile, { force: true });
    },
  };
}

function safeMtime(path: string): number {
  try {
    return Number(spawnSync('stat', ['-c', '%Y', path], { encoding: 'utf8' }).stdout.trim()) * 1000;
  } catch {
    return 0;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}

// The kubelet refuses a loopback node IP, so the node uses the host's own first address; traffic to it stays on this host.
function hostIPv4(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('test node: the host has no non-loopback IPv4 address for the kubelet to report');
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function run(cmd: string, args: string[], opts: { cwd?: string } = {}): KubectlResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: opts.cwd });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? r.error?.message ?? '' };
}

function containerdConfig(d: { root: string; state: string; socket: string; cniConf: string; runcRoot: string }): string {
  return `version = 2
root = "${d.root}"
state = "${d.state}"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

[grpc]
  address = "${d.socket}"

[ttrpc]
  address = "${d.socket}.ttrpc"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${IMAGES.pause}"
  # Without CAP_SYS_RESOURCE runc cannot lower oom_score_adj and fails with "can't get final child's PID from pipe".
  restrict_oom_score_adj = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "${d.runcRoot}"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${d.cniConf}"
    max_conf_num = 1
`;
}

// A bridge with no gateway, no masquerade and no routes: Pods get an address (the CRI needs one) but reach nothing beyond the bridge.
function cniConfig(dataDir: string): string {
  return JSON.stringify(
    {
      cniVersion: '0.4.0',
      name: 'mamori-node',
      plugins: [
        {
          type: 'bridge',
          bridge: 'mamori0',
          isGateway: false,
          ipMasq: false,
          hairpinMode: false,
          ipam: { type: 'host-local', ranges: [[{ subnet: '10.217.0.0/24' }]], dataDir },
        },
        { type: 'loopback' },
      ],
    },
    null,
    2,
  );
}

function kubeletConfig(d: { address: string; port: number; healthzPort: number; socket: string; podLogsDir: string }): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: ${d.address}
port: ${d.port}
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: ${d.healthzPort}
# Test-only: the API server reaches the kubelet (logs, exec) without a client cert; the kubelet listens on the host's address only.
authentication:
  anonymous:
    enabled: true
  webhook:
    enabled: false
authorization:
  mode: AlwaysAllow
containerRuntimeEndpoint: unix://${d.socket}
podLogsDir: ${d.podLogsDir}
# This machine is cgroup v1 (hybrid) with swap possible and no systemd: what a Debian host without systemd-as-init needs.
failCgroupV1: false
cgroupDriver: cgroupfs
failSwapOn: false
makeIPTablesUtilChains: false
protectKernelDefaults: false
registerNode: true
serializeImagePulls: false
# The local images cannot be pulled again: never collect them, and evict for nothing short of a full disk.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: "1Mi"
  nodefs.available: "1%"
  nodefs.inodesFree: "1%"
  imagefs.available: "1%"
syncFrequency: 5s
fileCheckFrequency: 5s
shutdownGracePeriod: 0s
`;
}

function podOutcome(pod: Record<string, unknown>): PodOutcome {
  const meta = (pod.metadata ?? {}) as { name?: string; namespace?: string };
  const status = (pod.status ?? {}) as { phase?: string; containerStatuses?: Array<Record<string, unknown>>; initContainerStatuses?: Array<Record<string, unknown>>; reason?: string; message?: string };
  const containers: ContainerOutcome[] = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].map((c) => {
    const st = (c.state ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const last = ((c.lastState ?? {}) as Record<string, Record<string, unknown> | undefined>).terminated;
    const name = String(c.name);
    if (st.running) return { name, state: 'running' };
    if (st.terminated) return { name, state: 'terminated', reason: st.terminated.reason as string, message: st.terminated.message as string | undefined, exitCode: st.terminated.exitCode as number };
    if (st.waiting) {
      return { name, state: 'waiting', reason: st.waiting.reason as string, message: (st.waiting.message as string | undefined) ?? (last?.message as string | undefined), exitCode: last?.exitCode as number | undefined };
    }
    return { name, state: 'unknown' };
  });
  const phase = status.phase ?? 'Pending';
  const blocked = containers.find((c) => c.state === 'waiting' && c.reason && BLOCKED.has(c.reason));
  const crashed = containers.some((c) => c.state === 'terminated' && c.exitCode !== 0);
  const outcome: PodOutcome['outcome'] = phase === 'Succeeded' || phase === 'Failed' ? phase : blocked ? 'Blocked' : crashed ? 'Failed' : 'Running';
  return { namespace: meta.namespace ?? 'default', name: meta.name ?? '', phase, outcome, reason: blocked?.reason ?? status.reason, message: blocked?.message ?? status.message, containers, pod };
}

// Waiting reasons after which a container will not start without a change to the Pod or the node.
const BLOCKED = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName', 'StartError']);

function settled(o: PodOutcome, until: 'started' | 'finished'): boolean {
  if (o.phase === 'Succeeded' || o.phase === 'Failed' || o.outcome === 'Blocked') return true;
  if (o.containers.some((c) => c.state === 'terminated' && c.exitCode !== 0 && c.reason !== 'Completed')) {
    // A failed container under restartPolicy Always/OnFailure would go on to CrashLoopBackOff; it already tells.
    return until === 'started';
  }
  return until === 'started' && o.phase === 'Running' && o.containers.length > 0 && o.containers.every((c) => c.state === 'running' || c.state === 'terminated');
}

// The PID-1 shells, shims and other children that outlive a stopped containerd; found by the socket they were given.
function shimPids(socket: string): number[] {
  const r = run('sh', ['-c', 'for p in /proc/[0-9]*; do tr "\\0" " " < $p/cmdline 2>/dev/null; echo " @${p#/proc/}"; done']);
  return r.stdout
    .split('\n')
    .filter((l) => l.includes('containerd-shim') && l.includes(socket))
    .map((l) => Number(l.slice(l.lastIndexOf('@') + 1)))
    .filter((n) => Number.isInteger(n) && n > 0);
}

interface Proc {
  child: ChildProcess;
  logPath: string;
  exitCode: number | null | undefined;
  exited: Promise<void>;
}

function startProc(name: string, bin: string, args: string[], dir: string): Proc {
  const logPath = join(dir, `${name}.log`);
  const fd = openSync(logPath, 'a');
  const child = spawn(bin, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  const proc: Proc = { child, logPath, exitCode: undefined, exited: Promise.resolve() };
  proc.exited = new Promise((res) => {
    child.on('exit', (code, signal) => {
      proc.exitCode = code ?? (signal ? 128 : 1);
      res();
    });
    child.on('error', (err) => {
      writeFileSync(logPath, `\nspawn error: ${err.message}\n`, { flag: 'a' });
      proc.exitCode = 127;
      res();
    });
  });
  return proc;
}

async function stopProc(p: Proc, graceMs = 5000): Promise<void> {
  if (p.exitCode !== undefined) return;
  p.child.ref();
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

async function waitUntil(what: string, proc: Proc | undefined, timeoutMs: number, probe: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  while (Date.now() < deadline) {
    if (proc && proc.exitCode !== undefined) throw new Error(`exited with code ${proc.exitCode} before ${what}\n--- ${proc.logPath} (tail) ---\n${tail(proc.logPath)}`);
    try {
      if (await probe()) return;
    } catch (e) {
      lastErr = (e as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${lastErr ? ` (last error: ${lastErr})` : ''}${proc ? `\n--- ${proc.logPath} (tail) ---\n${tail(proc.logPath)}` : ''}`);
}

// Node processes of this Node.js process, killed and undone by the exit hook when a test forgets stop() or is interrupted.
const live = new Set<() => void>();
let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const f of live) f();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      for (const f of live) f();
      live.clear();
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

/** Starts containerd and a kubelet joined to `cluster`, waits for the Node to be Ready. Waits for the machine's one node lock first. */
export async function startNode(cluster: Cluster, opts: NodeOptions = {}): Promise<Node> {
  const reason = nodeSkipReason();
  if (reason) throw new Error(`test node unavailable: ${reason.replace(/^skipped: /, '')}`);
  const name = opts.name ?? 'mamori-node';
  const readyTimeoutMs = opts.readyTimeoutMs ?? 120_000;
  const keep = opts.keepTempDir ?? process.env.MAMORI_K8S_KEEP === '1';

  const lock = await acquireLock(opts.lockTimeoutMs ?? 20 * 60_000);
  if (lock.staleBefore) restoreHostState(lock.staleBefore);
  const t0 = Date.now();
  const before = captureHostState();
  mkdirSync(LOCK_DIR, { recursive: true });
  writeFileSync(join(LOCK_DIR, 'before.json'), JSON.stringify(before));

  const dir = await mkdtemp(join(tmpdir(), 'mamori-node-'));
  const rootDir = join(dir, 'kubelet');
  const seccompDir = join(rootDir, 'seccomp');
  const socket = join(dir, 'containerd', 'containerd.sock');
  const paths = {
    root: join(dir, 'containerd', 'root'),
    state: join(dir, 'containerd', 'state'),
    socket,
    cniConf: join(dir, 'cni', 'net.d'),
    runcRoot: join(dir, 'containerd', 'runc'),
  };
  for (const p of [paths.root, paths.state, paths.cniConf, paths.runcRoot, seccompDir, join(dir, 'pod-logs')]) mkdirSync(p, { recursive: true });
  const ctr = (args: string[]) => run('ctr', ['--address', socket, '-n', 'k8s.io', ...args]);

  const procs: Proc[] = [];
  let stopped = false;
  let restored: HostRestore | undefined;
  const killNow = () => {
    for (const p of procs) p.child.kill('SIGKILL');
    for (const pid of shimPids(socket)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  const undoSync = (): HostRestore => {
    killNow();
    const errors = restoreHostState(before);
    if (!keep) rmSync(dir, { recursive: true, force: true });
    const after = captureHostState();
    lock.release();
    return { before, after, errors };
  };
  const exitHook = () => {
    if (!stopped) undoSync();
  };
  installExitHooks();
  live.add(exitHook);

  const stop = async (): Promise<HostRestore> => {
    if (restored) return restored;
    if (stopped) throw new Error('test node: stop() already running');
    stopped = true;
    live.delete(exitHook);
    // The kubelet first, so it does not restart what is stopped next; then every Pod sandbox through the CRI's own
    // teardown (which also undoes the CNI setup); then containerd; then whatever is left, by force.
    const kubelet = procs.find((p) => p.logPath.endsWith('kubelet.log'));
    if (kubelet) await stopProc(kubelet, 3000);
    const containerd = procs.find((p) => p.logPath.endsWith('containerd.log'));
    if (containerd && containerd.exitCode === undefined) {
      for (const id of ctr(['tasks', 'list', '-q']).stdout.split('\n').filter(Boolean)) ctr(['tasks', 'kill', '-s', 'SIGKILL', id]);
      await stopProc(containerd, 3000);
    }
    await sleep(200);
    restored = undoSync();
    return restored;
  };

  try {
    // The kubelet's client identity, signed by the cluster CA: user system:node:<name> in group system:nodes.
    const certDir = join(dir, 'pki');
    mkdirSync(certDir);
    writeFileSync(join(certDir, 'client.ext'), 'basicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\nextendedKeyUsage = clientAuth\n');
    for (const args of [
      ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'kubelet-client.key'],
      ['req', '-new', '-key', 'kubelet-client.key', '-subj', `/O=system:nodes/CN=system:node:${name}`, '-out', 'kubelet-client.csr'],
      ['x509', '-req', '-in', 'kubelet-client.csr', '-CA', join(cluster.dir, 'ca.crt'), '-CAkey', join(cluster.dir, 'ca.key'), '-CAcreateserial', '-CAserial', join(certDir, 'ca.srl'), '-days', '2', '-sha256', '-extfile', 'client.ext', '-out', 'kubelet-client.crt'],
    ]) {
      const r = run('openssl', args, { cwd: certDir });
      if (r.code !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
    }
    const kubeconfigPath = join(dir, 'kubelet.kubeconfig');
    writeFileSync(
      kubeconfigPath,
      `apiVersion: v1
kind: Config
clusters:
- name: mamori-test
  cluster:
    server: ${cluster.server}
    certificate-authority: ${join(cluster.dir, 'ca.crt')}
users:
- name: kubelet
  user:
    client-certificate: ${join(certDir, 'kubelet-client.crt')}
    client-key: ${join(certDir, 'kubelet-client.key')}
contexts:
- name: kubelet
  context: { cluster: mamori-test, user: kubelet }
current-context: kubelet
`,
      { mode: 0o600 },
    );

    writeFileSync(join(dir, 'containerd.toml'), containerdConfig(paths));
    writeFileSync(join(paths.cniConf, '10-mamori.conflist'), cniConfig(join(dir, 'cni', 'ipam')));
    const containerd = startProc('containerd', 'containerd', ['--config', join(dir, 'containerd.toml'), '--log-level', 'warn'], dir);
    procs.push(containerd);
    await waitUntil('containerd to answer', containerd, readyTimeoutMs, () => run('ctr', ['--address', socket, 'version']).code === 0);
    for (const img of ['pause.tar', 'busybox.tar']) {
      const r = ctr(['images', 'import', '--no-unpack', join(nodeImagesDir(), img)]);
      if (r.code !== 0) throw new Error(`ctr images import ${img} failed: ${r.stderr}`);
    }

    const [port, healthzPort] = [10250, await freePort()];
    const address = hostIPv4();
    writeFileSync(join(dir, 'kubelet.yaml'), kubeletConfig({ address, port, healthzPort, socket, podLogsDir: join(dir, 'pod-logs') }));
    const kubelet = startProc(
      'kubelet',
      kubeletPath(),
      [`--config=${join(dir, 'kubelet.yaml')}`, `--kubeconfig=${kubeconfigPath}`, `--root-dir=${rootDir}`, `--cert-dir=${join(rootDir, 'pki')}`, `--hostname-override=${name}`, `--node-ip=${address}`, '--v=1'],
      dir,
    );
    procs.push(kubelet);
    await waitUntil(`Node ${name} Ready`, kubelet, readyTimeoutMs, async () => {
      const r = await cluster.kubectl(['get', 'node', name, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
      return r.code === 0 && r.stdout.trim() === 'True';
    });
    const startupMs = Date.now() - t0;

    const getPod = async (ns: string, podName: string): Promise<PodOutcome> => {
      const r = await cluster.kubectl(['get', 'pod', podName, '-n', ns, '-o', 'json']);
      if (r.code !== 0) throw new Error(`kubectl get pod ${ns}/${podName}: ${r.stderr.trim()}`);
      return podOutcome(JSON.parse(r.stdout) as Record<string, unknown>);
    };
    const waitForPod = async (ns: string, podName: string, o: Omit<RunPodOptions, 'namespace'> = {}): Promise<PodOutcome> => {
      const until = o.until ?? 'started';
      const timeoutMs = o.timeoutMs ?? 60_000;
      let last: PodOutcome | undefined;
      await waitUntil(`Pod ${ns}/${podName} ${until}`, kubelet, timeoutMs, async () => {
        last = await getPod(ns, podName);
        return settled(last, until);
      }).catch((e: Error) => {
        throw new Error(`${e.message}\nlast status: ${JSON.stringify(last ? { phase: last.phase, containers: last.containers } : null)}\n--- kubelet.log (tail) ---\n${tail(kubelet.logPath, 20)}`);
      });
      return last!;
    };
    const runPod = async (manifest: string | Record<string, unknown>, o: RunPodOptions = {}): Promise<PodOutcome> => {
      const pod = (typeof manifest === 'string' ? parseYaml(manifest) : structuredClone(manifest)) as Record<string, unknown>;
      if (pod?.kind !== 'Pod') throw new Error('runPod takes one Pod manifest');
      const meta = (pod.metadata ??= {}) as { name?: string; namespace?: string };
      meta.namespace ??= o.namespace ?? 'default';
      const spec = (pod.spec ??= {}) as { nodeName?: string };
      spec.nodeName = name; // no scheduler runs: the Pod is bound to this node by name
      const r = await cluster.kubectl(['apply', '-f', '-'], JSON.stringify(pod));
      if (r.code !== 0) throw new Error(`kubectl apply of Pod ${meta.namespace}/${meta.name}: ${r.stderr.trim()}`);
      return waitForPod(meta.namespace, String(meta.name), o);
    };
    const logs = async (ns: string, podName: string, container?: string): Promise<string> => {
      const r = await cluster.kubectl(['logs', podName, '-n', ns, ...(container ? ['-c', container] : [])]);
      if (r.code !== 0) throw new Error(`kubectl logs ${ns}/${podName}: ${r.stderr.trim()}`);
      return r.stdout;
    };
    const exec = (ns: string, podName: string, command: string[], container?: string) =>
      cluster.kubectl(['exec', podName, '-n', ns, ...(container ? ['-c', container] : []), '--', ...command]);
    const deletePod = async (ns: string, podName: string): Promise<void> => {
      const r = await cluster.kubectl(['delete', 'pod', podName, '-n', ns, '--grace-period=0', '--force', '--wait=false', '--ignore-not-found']);
      if (r.code !== 0) throw new Error(`kubectl delete pod ${ns}/${podName}: ${r.stderr.trim()}`);
    };

    return { name, rootDir, seccompDir, dir, containerdSocket: socket, startupMs, images: IMAGES, runPod, waitForPod, logs, exec, deletePod, ctr, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
