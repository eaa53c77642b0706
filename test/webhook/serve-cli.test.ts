// `mamori serve` as a user runs it: flags, usage errors, the printed webhook configuration, reload and SIGTERM.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { generateSelfSigned } from '../../src/webhook/x509.js';
import { ensureBuilt, freePort } from '../cli/run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'bin', 'mamori.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(ensureBuilt);

function mamori(args: string[], cwd = root) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
}


function withDir<T>(fn: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-serve-cli-'));
  return Promise.resolve(fn(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('usage errors exit 2 with one clear line', () => withDir(async (dir) => {
  let r = mamori(['serve']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /needs --tls-cert and --tls-key \(or --self-signed/);
  const a = await generateSelfSigned({ hosts: ['127.0.0.1'] });
  const b = await generateSelfSigned({ hosts: ['127.0.0.1'] });
  writeFileSync(join(dir, 'tls.crt'), a.certPem);
  writeFileSync(join(dir, 'tls.key'), b.keyPem);
  r = mamori(['serve', '--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /tls\.key: key does not belong to the certificate/);
  writeFileSync(join(dir, 'tls.crt'), 'not a certificate');
  r = mamori(['serve', '--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /tls\.crt: not a PEM certificate/);
  r = mamori(['serve', '--print-webhook-config', '--timeout-seconds', '31']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /between 1 and 30/);
  r = mamori(['serve', '--port', 'x']);
  assert.equal(r.status, 2);
}));

test('--print-webhook-config: service by default, a stable caBundle from --cert-dir, the config\'s exclusions', () => withDir((dir) => {
  writeFileSync(join(dir, 'mamori.yaml'), 'excludedNamespaces: [kube-system, monitoring]\n');
  const args = ['serve', '--print-webhook-config', '-c', join(dir, 'mamori.yaml'), '--self-signed', '--cert-dir', join(dir, 'certs'), '--service-namespace', 'security'];
  const first = mamori(args);
  assert.equal(first.status, 0, first.stderr);
  const doc = parse(first.stdout);
  const w = doc.webhooks[0];
  assert.deepEqual(w.clientConfig.service, { name: 'mamori', namespace: 'security', path: '/validate', port: 443 });
  assert.equal(Buffer.from(w.clientConfig.caBundle, 'base64').toString(), readFileSync(join(dir, 'certs', 'ca.crt'), 'utf8'));
  assert.deepEqual(w.namespaceSelector.matchExpressions[0].values, ['azure-arc', 'gatekeeper-system', 'kube-system', 'monitoring']);
  assert.equal(w.failurePolicy, 'Fail');
  // Run again: the same CA, so a registered configuration stays valid.
  assert.equal(parse(mamori(args).stdout).webhooks[0].clientConfig.caBundle, w.clientConfig.caBundle);
  // The serving certificate in --cert-dir names the service.
  const leaf = new X509Certificate(readFileSync(join(dir, 'certs', 'tls.crt')));
  assert.ok(leaf.checkHost('mamori.security.svc'));
}));

test('a configuration that denies nothing is pointed out by --print-webhook-config and at start-up', { timeout: 30_000 }, () => withDir(async (dir) => {
  writeFileSync(join(dir, 'audit.yaml'), 'profile: defender\n');
  writeFileSync(join(dir, 'deny.yaml'), 'profile: defender\npolicies:\n  privileged-container: { effect: Deny }\n');
  const audit = mamori(['serve', '--print-webhook-config', '-c', join(dir, 'audit.yaml'), '--webhook-url', 'https://127.0.0.1:1/validate']);
  assert.equal(audit.status, 0, audit.stderr);
  assert.match(audit.stderr, /warning: no policy has effect Deny under profile defender/);
  assert.match(audit.stdout, /^# WARNING: no policy has effect Deny/);
  assert.equal(parse(audit.stdout).kind, 'ValidatingWebhookConfiguration');
  const deny = mamori(['serve', '--print-webhook-config', '-c', join(dir, 'deny.yaml'), '--webhook-url', 'https://127.0.0.1:1/validate']);
  assert.equal(deny.status, 0, deny.stderr);
  assert.doesNotMatch(deny.stderr + deny.stdout, /WARNING|warning/);
  const port = await freePort();
  const proc = spawn(process.execPath, [cli, 'serve', '--self-signed', '--port', String(port), '--host', '127.0.0.1', '-c', join(dir, 'audit.yaml')], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  proc.stdout!.on('data', (c) => { out += c; });
  try {
    for (let i = 0; i < 100 && !out.includes('nothing is enforced'); i++) await sleep(100);
    const warn = out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.msg === 'nothing is enforced');
    assert.equal(warn?.level, 'warn', out);
  } finally {
    proc.kill('SIGTERM');
    await new Promise((res) => proc.once('exit', res));
  }
}));

test('--cert-dir writes key files fresh: mode 0600, never through a symlink, never keeping an old file\'s mode', () => withDir((dir) => {
  const certDir = join(dir, 'certs');
  mkdirSync(certDir);
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'keep me\n', { mode: 0o644 });
  symlinkSync(victim, join(certDir, 'tls.key'));
  writeFileSync(join(certDir, 'tls.crt'), 'old\n', { mode: 0o666 });
  chmodSync(join(certDir, 'tls.crt'), 0o666);
  const r = mamori(['serve', '--print-webhook-config', '--self-signed', '--cert-dir', certDir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(victim, 'utf8'), 'keep me\n', 'the symlink target is untouched');
  const key = lstatSync(join(certDir, 'tls.key'));
  assert.ok(key.isFile() && !key.isSymbolicLink(), 'the link was replaced by a regular file');
  assert.equal(key.mode & 0o777, 0o600);
  assert.match(readFileSync(join(certDir, 'tls.key'), 'utf8'), /BEGIN PRIVATE KEY/);
  assert.equal(lstatSync(join(certDir, 'tls.crt')).mode & 0o777, 0o644, 'a new file, not the old one with its mode');
  assert.deepEqual(readdirSync(certDir).sort(), ['ca.crt', 'tls.crt', 'tls.key'], 'no temporary file left behind');
}));

test('serve reloads a rotated certificate, answers, and exits 0 on SIGTERM after finishing', { timeout: 60_000 }, () => withDir(async (dir) => {
  const first = await generateSelfSigned({ hosts: ['127.0.0.1'] });
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  writeFileSync(cert, first.certPem);
  writeFileSync(key, first.keyPem);
  writeFileSync(join(dir, 'mamori.yaml'), 'policies:\n  privileged-container: { effect: Deny }\n');
  const port = await freePort();
  const proc = spawn(process.execPath, [cli, 'serve', '--tls-cert', cert, '--tls-key', key, '--port', String(port), '--host', '127.0.0.1', '-c', join(dir, 'mamori.yaml'), '--policy', 'privileged-container', '--cert-poll-ms', '200'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  proc.stdout!.on('data', (c: Buffer) => {
    const parts = (partial + c.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  let stderr = '';
  proc.stderr!.on('data', (c) => { stderr += c; });
  try {
    for (let i = 0; i < 100 && !lines.some((l) => l.includes('"listening"')); i++) await sleep(100);
    assert.ok(lines.some((l) => l.includes('"listening"')), stderr);
    const fingerprint = () => new Promise<string>((res, rej) => {
      const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => { res(s.getPeerX509Certificate()!.fingerprint256); s.end(); });
      s.on('error', rej);
    });
    assert.equal(await fingerprint(), new X509Certificate(first.certPem).fingerprint256);
    const next = await generateSelfSigned({ hosts: ['127.0.0.1'] });
    // Rotate as the kubelet does: new files appear by rename.
    writeFileSync(key + '.new', next.keyPem);
    writeFileSync(cert + '.new', next.certPem);
    renameSync(key + '.new', key);
    renameSync(cert + '.new', cert);
    for (let i = 0; i < 50 && !lines.some((l) => l.includes('certificate reloaded')); i++) await sleep(100);
    assert.equal(await fingerprint(), new X509Certificate(next.certPem).fingerprint256);
    const body = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'cli', operation: 'CREATE', namespace: 'x', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] } } } });
    const answer = await new Promise<any>((res, rej) => { // eslint-disable-line @typescript-eslint/no-explicit-any -- an AdmissionReview as JSON
      const req = https.request({ host: '127.0.0.1', port, path: '/validate', method: 'POST', ca: next.caPem, headers: { 'content-type': 'application/json' } }, (r) => { let b = ''; r.on('data', (c) => { b += c; }); r.on('end', () => res(JSON.parse(b))); });
      req.on('error', rej);
      req.end(body);
    });
    assert.equal(answer.response.allowed, false);
    // The log line is written after the answer: give it a moment to arrive.
    for (let i = 0; i < 50 && !lines.some((l) => l.includes('"admission"')); i++) await sleep(50);
    const decision = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'admission');
    assert.deepEqual(decision.deny, ['privileged-container']);
  } finally {
    proc.kill('SIGTERM');
    const code = await new Promise((res) => proc.once('exit', res));
    assert.equal(code, 0);
    assert.ok(lines.some((l) => l.includes('"stopped"')));
  }
}));
