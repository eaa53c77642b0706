// `mamori serve`: the HTTPS validating admission webhook, and the configuration that registers it.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { loadConfigFile, resolveEngineConfig } from '../../config/load.js';
import type { EngineConfig } from '../../engine/engine.js';
import type { Lang } from '../../core/report.js';
import { UsageError } from '../../core/errors.js';
import { addEngineOptions, collect } from '../options.js';
import { generateSelfSigned } from '../../webhook/x509.js';
import { readKeyPair, watchKeyPair, type KeyPair } from '../../webhook/tls.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_PORT, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS, jsonLog as log, startServer } from '../../webhook/server.js';
import { webhookConfiguration } from '../../webhook/webhook-config.js';
import { DEFAULT_LIMITS } from '../../webhook/bounded.js';

interface ServeOptions {
  port: number;
  host?: string;
  tlsCert?: string;
  tlsKey?: string;
  selfSigned?: boolean;
  hosts?: string;
  certDir?: string;
  config?: string;
  profile?: string;
  policy?: string[];
  namespace: string;
  azureParameters?: string;
  lang: Lang;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  certPollMs: number;
  printWebhookConfig?: boolean;
  webhookUrl?: string;
  serviceName: string;
  serviceNamespace: string;
  servicePort: number;
  failurePolicy: 'Fail' | 'Ignore';
  timeoutSeconds: number;
  caFile?: string;
  certManager?: string;
  clientCa?: string;
  metricsPort?: number;
  maxContainers: number;
  maxVolumes: number;
}

/** Commander parser for a count or port; 0 is allowed (--port 0 picks a free port). */
function wholeNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name}: expected a whole number, got ${JSON.stringify(v)}`);
    return n;
  };
}

/**
 * Writes a fresh file beside the target (exclusive create, so never through a planted symlink or into a file
 * someone else opened) with its final mode from the first byte, then renames it over the target: the old
 * file's mode, owner and links are never inherited, and a symlink at the target is replaced, not followed.
 */
export function writeNewFile(file: string, text: string, mode: number): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
}

/** Generated once into --cert-dir and reused, so a printed caBundle stays valid across restarts. */
function selfSigned(o: ServeOptions): KeyPair & { caPem: string } {
  const hosts = collect(o.hosts ?? `127.0.0.1,localhost,::1,${o.serviceName}.${o.serviceNamespace}.svc,${o.serviceName}.${o.serviceNamespace}.svc.cluster.local`);
  if (o.certDir) {
    const [ca, cert, key] = ['ca.crt', 'tls.crt', 'tls.key'].map((f) => join(o.certDir!, f)) as [string, string, string];
    if (existsSync(ca) && existsSync(cert) && existsSync(key)) {
      return { ...readKeyPair(cert, key), caPem: readFileSync(ca, 'utf8') };
    }
    const s = generateSelfSigned({ hosts });
    mkdirSync(o.certDir, { recursive: true, mode: 0o700 });
    writeNewFile(ca, s.caPem, 0o644);
    writeNewFile(cert, s.certPem, 0o644);
    writeNewFile(key, s.keyPem, 0o600);
    return s;
  }
  return generateSelfSigned({ hosts });
}

function engineConfig(o: ServeOptions): () => EngineConfig {
  const loaded = loadConfigFile(o.config);
  let cfg = resolveEngineConfig(loaded, {
    profile: o.profile, only: o.policy, lang: o.lang, defaultNamespace: o.namespace, azureParameters: o.azureParameters, admission: true,
  });
  // Exceptions expire by date: a server that runs for weeks must notice the day change.
  return () => {
    const today = new Date().toISOString().slice(0, 10);
    if (cfg.today !== today) cfg = { ...cfg, today };
    return cfg;
  };
}

/** Said at start-up and with the printed configuration: a webhook that denies nothing only reports. */
export function noDenyWarning(cfg: EngineConfig): string | undefined {
  if (cfg.policies.some((p) => p.effect === 'Deny')) return undefined;
  return `no policy has effect Deny under profile ${cfg.profile}: the webhook will admit everything and only warn. Set effect: Deny on the policies to enforce in mamori.yaml (deploy/manifests/20-config.yaml shows the high-severity ones)`;
}

function printWebhookConfig(o: ServeOptions, cfg: EngineConfig): void {
  const warn = noDenyWarning(cfg);
  if (warn) process.stderr.write(`mamori: warning: ${warn}\n`);
  let caPem: string | undefined;
  if (o.caFile) caPem = readFileSync(o.caFile, 'utf8');
  else if (o.selfSigned) caPem = selfSigned(o).caPem;
  else if (!o.certManager) process.stderr.write('mamori: no --ca-file, --self-signed or --cert-manager: caBundle left out\n');
  const doc = webhookConfiguration(cfg, {
    caPem,
    url: o.webhookUrl,
    service: { name: o.serviceName, namespace: o.serviceNamespace, port: o.servicePort },
    failurePolicy: o.failurePolicy,
    timeoutSeconds: o.timeoutSeconds,
    certManagerCertificate: o.certManager,
  });
  process.stdout.write(`${warn ? `# WARNING: ${warn}\n` : ''}${stringify(doc)}`);
}

async function serve(o: ServeOptions): Promise<void> {
  const config = engineConfig(o);
  let tls: KeyPair;
  if (o.selfSigned) {
    if (o.tlsCert || o.tlsKey) throw new UsageError('--self-signed and --tls-cert/--tls-key exclude each other');
    const s = selfSigned(o);
    tls = s;
    process.stderr.write(`mamori: self-signed certificate; CA bundle (put its base64 into caBundle):\n${s.caPem}`);
  } else {
    if (!o.tlsCert || !o.tlsKey) throw new UsageError('serving needs --tls-cert and --tls-key (or --self-signed for local use)');
    try { tls = readKeyPair(o.tlsCert, o.tlsKey); } catch (e) { throw new UsageError((e as Error).message); }
  }
  let clientCaPem: string | undefined;
  if (o.clientCa) {
    try { clientCaPem = readFileSync(o.clientCa, 'utf8'); } catch (e) { throw new UsageError(`--client-ca ${o.clientCa}: ${(e as Error).message}`); }
    if (!clientCaPem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--client-ca ${o.clientCa}: no PEM certificate in the file`);
  }
  const srv = await startServer({
    tls, config, port: o.port, host: o.host, maxBodyBytes: o.maxBodyBytes, requestTimeoutMs: o.requestTimeoutMs,
    clientCaPem, metricsPort: o.metricsPort, limits: { containers: o.maxContainers, volumes: o.maxVolumes },
  });
  const stopWatch = o.tlsCert && o.tlsKey
    ? watchKeyPair(o.tlsCert, o.tlsKey, tls, {
      pollMs: o.certPollMs,
      onChange(pair) {
        srv.setKeyPair(pair);
        log({ time: new Date().toISOString(), level: 'info', msg: 'certificate reloaded', file: o.tlsCert });
      },
      onError(err) { log({ time: new Date().toISOString(), level: 'warn', msg: 'certificate not reloaded', error: err.message }); },
    })
    : () => {};
  const cfg = config();
  log({
    time: new Date().toISOString(), level: 'info', msg: 'listening', port: srv.port,
    ...(srv.metricsPort !== undefined ? { metricsPort: srv.metricsPort } : {}),
    clientCertificates: clientCaPem ? 'required' : 'not checked',
    profile: cfg.profile, policies: cfg.policies.filter((p) => p.effect !== 'Disabled').length,
    deny: cfg.policies.filter((p) => p.effect === 'Deny').length,
  });
  const warn = noDenyWarning(cfg);
  if (warn) log({ time: new Date().toISOString(), level: 'warn', msg: 'nothing is enforced', reason: warn });
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      log({ time: new Date().toISOString(), level: 'info', msg: 'shutting down', signal });
      stopWatch();
      void srv.shutdown(o.shutdownTimeoutMs).then(() => {
        log({ time: new Date().toISOString(), level: 'info', msg: 'stopped' });
        resolve();
      });
    };
    const onTerm = (): void => stop('SIGTERM');
    const onInt = (): void => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
}

export function register(program: Command): void {
  const cmd = new Command('serve')
    .description('run the HTTPS validating admission webhook (POST /validate; /healthz, /readyz, /metrics on the same port or on --metrics-port)');
  addEngineOptions(cmd);
  cmd
    .option('--port <n>', 'port to listen on', wholeNumber('--port'), DEFAULT_PORT)
    .option('--host <address>', 'address to listen on (default: every address)')
    .option('--tls-cert <file>', 'PEM serving certificate (reloaded when the file changes)')
    .option('--tls-key <file>', 'PEM serving key (reloaded when the file changes)')
    .option('--self-signed', 'generate a CA and serving certificate for local use and print the CA bundle')
    .option('--hosts <list>', 'comma-separated DNS names and IPs for --self-signed (default: 127.0.0.1, localhost, ::1 and the service names)')
    .option('--cert-dir <dir>', 'with --self-signed: keep ca.crt, tls.crt, tls.key here and reuse them')
    .option('--client-ca <file>', 'PEM CA bundle: answer only callers with a client certificate it signed (the API server, see docs/webhook.md)')
    .option('--metrics-port <n>', 'serve /metrics, /healthz and /readyz over plain HTTP on this port, and only /validate on --port', wholeNumber('--metrics-port'))
    .option('--max-containers <n>', 'containers (init and ephemeral included) per object beyond which it is refused unjudged', wholeNumber('--max-containers'), DEFAULT_LIMITS.containers)
    .option('--max-volumes <n>', 'volumes per object beyond which it is refused unjudged', wholeNumber('--max-volumes'), DEFAULT_LIMITS.volumes)
    .option('--max-body-bytes <n>', 'largest AdmissionReview accepted (413 beyond)', wholeNumber('--max-body-bytes'), DEFAULT_MAX_BODY_BYTES)
    .option('--request-timeout-ms <n>', 'time allowed to receive a request', wholeNumber('--request-timeout-ms'), DEFAULT_REQUEST_TIMEOUT_MS)
    .option('--shutdown-timeout-ms <n>', 'on SIGTERM, time allowed for in-flight requests', wholeNumber('--shutdown-timeout-ms'), DEFAULT_SHUTDOWN_TIMEOUT_MS)
    .option('--cert-poll-ms <n>', 'how often to look at --tls-cert/--tls-key besides file events', wholeNumber('--cert-poll-ms'), 10_000)
    .option('--print-webhook-config', 'print the ValidatingWebhookConfiguration and exit')
    .option('--webhook-url <url>', 'with --print-webhook-config: url-based clientConfig instead of the service')
    .option('--service-name <name>', 'service of the webhook in the cluster', 'mamori')
    .option('--service-namespace <ns>', 'namespace of that service', 'mamori')
    .option('--service-port <n>', 'port of that service', wholeNumber('--service-port'), 443)
    .addOption(new Option('--failure-policy <policy>', 'what the API server does when the webhook cannot answer').choices(['Fail', 'Ignore']).default('Fail'))
    .option('--timeout-seconds <n>', 'webhook timeoutSeconds (1-30)', wholeNumber('--timeout-seconds'), 5)
    .option('--ca-file <file>', 'with --print-webhook-config: PEM CA for caBundle')
    .option('--cert-manager <namespace/certificate>', 'with --print-webhook-config: let cert-manager inject caBundle from this Certificate')
    .action(async (o: ServeOptions) => {
      if (o.timeoutSeconds < 1 || o.timeoutSeconds > 30) throw new UsageError('--timeout-seconds: must be between 1 and 30');
      if (o.printWebhookConfig) {
        printWebhookConfig(o, engineConfig(o)());
        return;
      }
      await serve(o);
    });
  program.addCommand(cmd);
}
