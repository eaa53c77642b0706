// Starts a real etcd + kube-apiserver (+ service-account controllers) on loopback for mamori's webhook and audit tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { accessSync, closeSync, constants, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const installHint = 'run tools/k8s/install.sh';

export interface Binaries {
  k8sVersion: string;
  etcdVersion: string;
  dir: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  etcd: string;
  kubectl: string;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ClusterOptions {
  /** Extra flags for kube-apiserver, appended after mamori's defaults (later flags win). */
  apiServerArgs?: string[];
  /** Run kube-controller-manager's service-account controllers so namespaces get their `default` ServiceAccount. */
  serviceAccountController?: boolean;
  /**
   * Also run the deployment, replicaset, statefulset, job and cronjob controllers, so workloads create their Pods (Pending
   * without a node) as in a real cluster. Off by default: most tests create Pods themselves and want no more.
   */
  workloadControllers?: boolean;
  /** How long to wait for each component to become ready. */
  readyTimeoutMs?: number;
  /** Keep the temp dir (logs, certs, etcd data) after stop, for debugging a failing test. */
  keepTempDir?: boolean;
}

export interface ServingCert {
  certPem: string;
  keyPem: string;
  caPem: string;
}

export interface Cluster {
  /** https://127.0.0.1:<port> */
  server: string;
  kubeconfigPath: string;
  caPem: string;
  /** Bearer token of an admin in `system:masters`. */
  token: string;
  /** Temp dir holding certs, logs and etcd data. */
  dir: string;
  /** Milliseconds from startCluster() until the API server was ready. */
  startupMs: number;
  binaries: Binaries;
  kubectl(args: string[], input?: string): Promise<KubectlResult>;
  /** `kubectl create namespace` and wait until its `default` ServiceAccount exists, so Pods can be created at once. */
  createNamespace(name: string): Promise<void>;
  /** A serving cert signed by the cluster CA, e.g. for mamori's webhook on 127.0.0.1. */
  issueServingCert(hosts?: string[]): Promise<ServingCert>;
  /** Kill kube-apiserver and start it again on the same port with the same etcd; open watches break. */
  restartApiServer(opts?: { downtimeMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** kube-controller-manager's controllers that turn Deployments, ReplicaSets, StatefulSets, Jobs and CronJobs into Pods. */
export const WORKLOAD_CONTROLLERS = ['deployment-controller', 'replicaset-controller', 'statefulset-controller', 'job-controller', 'cronjob-controller'];

function parseEnvFile(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.trim().replace(/^["']|["']$/g, '');
  }
  return out;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function cacheDir(): string {
  return process.env.MAMORI_K8S_CACHE || join(homedir(), '.cache', 'mamori', 'k8s');
}

export function versions(): { k8sVersion: string; etcdVersion: string } {
  const env = parseEnvFile(join(repoRoot, 'tools', 'k8s', 'versions.env'));
  if (!env.K8S_VERSION || !env.ETCD_VERSION) throw new Error('tools/k8s/versions.env must set K8S_VERSION and ETCD_VERSION');
  return { k8sVersion: env.K8S_VERSION, etcdVersion: env.ETCD_VERSION };
}

function binaryPaths(): Binaries {
  const { k8sVersion, etcdVersion } = versions();
  const dir = join(cacheDir(), k8sVersion);
  return {
    k8sVersion,
    etcdVersion,
    dir,
    kubeApiserver: join(dir, 'kube-apiserver'),
    kubeControllerManager: join(dir, 'kube-controller-manager'),
    etcd: join(dir, 'etcd'),
    kubectl: join(dir, 'kubectl'),
  };
}

function missingParts(): string[] {
  const b = binaryPaths();
  const missing = (['kubeApiserver', 'kubeControllerManager', 'etcd', 'kubectl'] as const)
    .filter((k) => !isExecutable(b[k]))
    .map((k) => b[k].slice(b.dir.length + 1));
  if (spawnSync('openssl', ['version'], { stdio: 'ignore' }).status !== 0) missing.push('openssl');
  return missing;
}

/** The cached binaries for the pinned version, or null when tools/k8s/install.sh has not been run. */
export function binaries(): Binaries | null {
  return missingParts().length === 0 ? binaryPaths() : null;
}

export function harnessAvailable(): boolean {
  return binaries() !== null;
}

/** Why cluster tests cannot run here, or null when they can. */
export function skipReason(): string | null {
  const missing = missingParts();
  if (missing.length === 0) return null;
  const { k8sVersion } = versions();
  return `skipped: needs ${missing.join(', ')} ${k8sVersion} in ${cacheDir()} (${installHint})`;
}

/**
 * Locally a missing cluster is a visible skip; under CI=true it is a failure, because CI installs every part.
 * Returns true when the test may go on: `if (!requireOrSkip(t)) return;`
 */
export function requireOrSkip(t: { skip(message?: string): void }): boolean {
  const reason = skipReason();
  if (reason === null) return true;
  if (process.env.CI === 'true') throw new Error(`Kubernetes test cluster unavailable under CI: ${reason.replace(/^skipped: /, '')}`);
  t.skip(reason);
  return false;
}

async function freePort(): Promise<number> {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<KubectlResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

async function openssl(args: string[], cwd: string): Promise<void> {
  const r = await run('openssl', args, { cwd });
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

// The API server calls webhooks on 127.0.0.1; a proxy from the user's environment would swallow those calls.
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']) delete env[k];
  env.NO_PROXY = env.no_proxy = '127.0.0.1,localhost';
  return env;
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

interface Proc {
  name: string;
  child: ChildProcess;
  logPath: string;
  exited: Promise<void>;
  exitCode: number | null | undefined;
}

// Every live process and temp dir of every cluster in this Node process, for cleanup on exit or signal.
const live = new Set<{ procs: Set<Proc>; dir: string; keep: boolean; watchdog?: ChildProcess }>();
let exitHooksInstalled = false;

function killAllNow(): void {
  for (const c of live) {
    for (const p of c.procs) {
      try {
        p.child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    try {
      c.watchdog?.kill('SIGKILL');
    } catch {
      /* already gone */
    }
    if (!c.keep) rmSync(c.dir, { recursive: true, force: true });
  }
  live.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', killAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAllNow();
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

// A SIGKILLed test process runs no exit hook; this detached shell notices and reaps what the cluster left behind.
function startWatchdog(dir: string): ChildProcess {
  const script = `
while kill -0 ${process.pid} 2>/dev/null && [ -d "$1" ]; do sleep 1; done
if [ -f "$1/pids" ]; then while read -r p; do kill -9 "$p" 2>/dev/null; done < "$1/pids"; fi
[ -f "$1/keep" ] || rm -rf "$1"
`;
  const wd = spawn('sh', ['-c', script, 'mamori-k8s-watchdog', dir], { detached: true, stdio: 'ignore' });
  wd.unref();
  return wd;
}

function startProc(name: string, bin: string, args: string[], dir: string, procs: Set<Proc>, env: NodeJS.ProcessEnv): Proc {
  const logPath = join(dir, `${name}.log`);
  const fd = openSync(logPath, 'a');
  const child = spawn(bin, args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  // A test that forgets stop() must still let its file finish; the exit hook then kills what is left.
  child.unref();
  const proc: Proc = { name, child, logPath, exitCode: undefined, exited: Promise.resolve() };
  proc.exited = new Promise((res) => {
    child.on('exit', (code, signal) => {
      proc.exitCode = code ?? (signal ? 128 : 1);
      procs.delete(proc);
      res();
    });
    child.on('error', (err) => {
      writeFileSync(logPath, `\nspawn error: ${err.message}\n`, { flag: 'a' });
      proc.exitCode = 127;
      procs.delete(proc);
      res();
    });
  });
  procs.add(proc);
  writeFileSync(join(dir, 'pids'), [...procs].map((p) => p.child.pid).filter(Boolean).join('\n') + '\n');
  return proc;
}

async function stopProc(p: Proc, graceMs = 5000): Promise<void> {
  if (p.exitCode !== undefined) return;
  p.child.ref(); // awaiting the exit of an unref'd child would let Node end with the await unsettled
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

async function waitFor(what: string, proc: Proc, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  while (Date.now() < deadline) {
    if (proc.exitCode !== undefined) {
      throw new Error(`${proc.name} exited with code ${proc.exitCode} before ${what}\n--- ${proc.logPath} (tail) ---\n${tail(proc.logPath)}`);
    }
    try {
      if (await probe()) return;
    } catch (e) {
      lastErr = (e as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${lastErr ? ` (last error: ${lastErr})` : ''}\n--- ${proc.logPath} (tail) ---\n${tail(proc.logPath)}`);
}

function httpGet(url: string, opts: https.RequestOptions = {}): Promise<{ status: number; body: string }> {
  const mod = url.startsWith('https:') ? https : http;
  return new Promise((res, rej) => {
    const req = mod.get(url, { ...opts, timeout: 3000 }, (r) => {
      let body = '';
      r.setEncoding('utf8').on('data', (d: string) => (body += d));
      r.on('end', () => res({ status: r.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', rej);
  });
}

async function makeCerts(dir: string): Promise<{ caPem: string }> {
  writeFileSync(
    join(dir, 'openssl.cnf'),
    `[req]
distinguished_name = dn
prompt = no
[dn]
CN = mamori-test
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
`,
  );
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  await openssl(
    ['req', '-x509', '-new', '-config', 'openssl.cnf', '-key', 'ca.key', '-subj', '/CN=mamori-test-ca', '-days', '2', '-sha256', '-extensions', 'ca_ext', '-out', 'ca.crt'],
    dir,
  );
  // The API server's service-account tokens are signed with this pair; RSA because every consumer accepts RS256.
  const sa = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileSync(join(dir, 'sa.key'), sa.privateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'sa.pub'), sa.publicKey);
  return { caPem: readFileSync(join(dir, 'ca.crt'), 'utf8') };
}

async function signServingCert(dir: string, name: string, hosts: string[]): Promise<ServingCert> {
  const san = hosts.map((h) => (net.isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  writeFileSync(
    join(dir, `${name}.ext`),
    `basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = ${san}
authorityKeyIdentifier = keyid
`,
  );
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  await openssl(['req', '-new', '-config', 'openssl.cnf', '-key', `${name}.key`, '-subj', `/CN=${hosts[0] ?? name}`, '-out', `${name}.csr`], dir);
  await openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '2', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`],
    dir,
  );
  const [certPem, keyPem, caPem] = await Promise.all([
    readFile(join(dir, `${name}.crt`), 'utf8'),
    readFile(join(dir, `${name}.key`), 'utf8'),
    readFile(join(dir, 'ca.crt'), 'utf8'),
  ]);
  return { certPem, keyPem, caPem };
}

function kubeconfig(server: string, caPem: string, token: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: mamori-test
  cluster:
    server: ${server}
    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}
users:
- name: mamori-test-admin
  user:
    token: ${token}
contexts:
- name: mamori-test
  context:
    cluster: mamori-test
    user: mamori-test-admin
    namespace: default
current-context: mamori-test
`;
}

function isPortClash(err: unknown): boolean {
  return /address already in use/i.test(String((err as Error)?.message ?? err));
}

/** Start etcd, kube-apiserver and (by default) the service-account controllers on fresh loopback ports. */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  // Ports are picked by binding :0 and releasing, so a parallel test file can grab one in between: retry on a clash.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClusterOnce(opts);
    } catch (err) {
      if (attempt >= 3 || !isPortClash(err)) throw err;
    }
  }
}

async function startClusterOnce(opts: ClusterOptions): Promise<Cluster> {
  const t0 = Date.now();
  const bins = binaries();
  if (!bins) throw new Error(`Kubernetes test cluster unavailable: ${skipReason()!.replace(/^skipped: /, '')}`);
  const readyTimeoutMs = opts.readyTimeoutMs ?? 120_000;
  const keep = opts.keepTempDir ?? process.env.MAMORI_K8S_KEEP === '1';

  installExitHooks();
  const dir = await mkdtemp(join(tmpdir(), 'mamori-k8s-'));
  if (keep) writeFileSync(join(dir, 'keep'), '');
  const procs = new Set<Proc>();
  const entry: { procs: Set<Proc>; dir: string; keep: boolean; watchdog?: ChildProcess } = { procs, dir, keep };
  live.add(entry);
  entry.watchdog = startWatchdog(dir);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Controllers first, then the API server, then its storage, so nothing logs errors about a vanished peer.
    for (const name of ['kube-controller-manager', 'kube-apiserver', 'etcd']) {
      for (const p of [...procs].filter((q) => q.name === name)) await stopProc(p);
    }
    entry.watchdog?.kill('SIGKILL');
    live.delete(entry);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const env = childEnv();
    const { caPem } = await makeCerts(dir);
    await signServingCert(dir, 'apiserver', ['127.0.0.1', 'localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', '10.0.0.1']);
    const token = randomBytes(24).toString('hex');
    writeFileSync(join(dir, 'tokens.csv'), `${token},mamori-test-admin,mamori-test-admin,"system:masters"\n`, { mode: 0o600 });

    const [etcdPort, etcdPeerPort, apiPort, kcmPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const etcd = startProc(
      'etcd',
      bins.etcd,
      [
        '--name=mamori-test',
        `--data-dir=${join(dir, 'etcd-data')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=mamori-test=http://127.0.0.1:${etcdPeerPort}`,
        '--initial-cluster-state=new',
        // Test data is thrown away; fsync only slows every write the tests make.
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      dir,
      procs,
      env,
    );
    await waitFor('etcd /health', etcd, readyTimeoutMs, async () => {
      const r = await httpGet(`${etcdUrl}/health`);
      return r.status === 200 && /"health":\s*"true"/.test(r.body);
    });

    const server = `https://127.0.0.1:${apiPort}`;
    const apiArgs = [
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--etcd-servers=${etcdUrl}`,
      `--tls-cert-file=${join(dir, 'apiserver.crt')}`,
      `--tls-private-key-file=${join(dir, 'apiserver.key')}`,
      `--client-ca-file=${join(dir, 'ca.crt')}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      // mamori's tests create privileged Pods on purpose; without this the API server rejects them before any webhook runs.
      '--allow-privileged=true',
      // The `kubernetes` Service cannot point at a loopback address; without this the API server logs an error every 10s.
      '--endpoint-reconciler-type=none',
      '--profiling=false',
      `--cert-dir=${join(dir, 'apiserver-certs')}`,
      // A test node (node.ts) reports its host address as InternalIP; its name resolves nowhere, so logs/exec must use the address.
      '--kubelet-preferred-address-types=InternalIP',
      ...(opts.apiServerArgs ?? []),
    ];
    const startApi = () => startProc('kube-apiserver', bins.kubeApiserver, apiArgs, dir, procs, env);
    const waitApi = (p: Proc) =>
      waitFor(`kube-apiserver ${server}/readyz`, p, readyTimeoutMs, async () => {
        const r = await httpGet(`${server}/readyz`, { ca: caPem, headers: { authorization: `Bearer ${token}` } });
        return r.status === 200;
      });
    let api = startApi();
    await waitApi(api);

    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, kubeconfig(server, caPem, token), { mode: 0o600 });
    const kubectlEnv = childEnv({ KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(dir, 'kubectl-cache') });
    const kubectl = (args: string[], input?: string) => run(bins.kubectl, args, { input, env: kubectlEnv });

    const waitServiceAccount = async (ns: string, proc: Proc) =>
      waitFor(`ServiceAccount ${ns}/default`, proc, readyTimeoutMs, async () => (await kubectl(['get', 'serviceaccount', 'default', '-n', ns, '-o', 'name'])).code === 0);

    let kcm: Proc | undefined;
    const serviceAccounts = opts.serviceAccountController ?? true;
    // By default only the controllers that give namespaces their default ServiceAccount (which Pod admission requires)
    // and the kube-root-ca.crt ConfigMap; no workload controllers, so Deployments never spawn Pods on their own.
    const controllers = [
      ...(serviceAccounts ? ['serviceaccount-controller', 'serviceaccount-token-controller', 'root-ca-certificate-publisher-controller'] : []),
      ...(opts.workloadControllers ? WORKLOAD_CONTROLLERS : []),
    ];
    if (controllers.length > 0) {
      kcm = startProc(
        'kube-controller-manager',
        bins.kubeControllerManager,
        [
          `--kubeconfig=${kubeconfigPath}`,
          `--controllers=${controllers.join(',')}`,
          '--leader-elect=false',
          '--use-service-account-credentials=false',
          `--service-account-private-key-file=${join(dir, 'sa.key')}`,
          `--root-ca-file=${join(dir, 'ca.crt')}`,
          '--bind-address=127.0.0.1',
          `--secure-port=${kcmPort}`,
          `--cert-dir=${join(dir, 'kcm-certs')}`,
          '--profiling=false',
        ],
        dir,
        procs,
        env,
      );
      const k = kcm;
      if (serviceAccounts) await waitServiceAccount('default', k);
      else await waitFor('kube-controller-manager /healthz', k, readyTimeoutMs, async () => (await httpGet(`https://127.0.0.1:${kcmPort}/healthz`, { rejectUnauthorized: false })).status === 200);
    }

    const createNamespace = async (name: string): Promise<void> => {
      const r = await kubectl(['create', 'namespace', name]);
      if (r.code !== 0) throw new Error(`kubectl create namespace ${name} failed: ${r.stderr}`);
      if (kcm && serviceAccounts) await waitServiceAccount(name, kcm);
    };

    let certCount = 0;
    const issueServingCert = (hosts: string[] = ['127.0.0.1', 'localhost']) => signServingCert(dir, `serving-${++certCount}`, hosts);

    const restartApiServer = async (o: { downtimeMs?: number } = {}): Promise<void> => {
      if (stopped) throw new Error('cluster is stopped');
      // A graceful stop waits for open watches to drain for many seconds; a short grace keeps restarts quick.
      await stopProc(api, 1000);
      if (o.downtimeMs) await sleep(o.downtimeMs);
      api = startApi();
      await waitApi(api);
    };

    return {
      server,
      kubeconfigPath,
      caPem,
      token,
      dir,
      startupMs: Date.now() - t0,
      binaries: bins,
      kubectl,
      createNamespace,
      issueServingCert,
      restartApiServer,
      stop,
    };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
