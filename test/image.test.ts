// The container images: a maintained Node LTS in every stage, digests pinnable, and a webhook image that runs without the Kubernetes client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './cli/run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

test('Dockerfile: Node 24 in the build and runtime bases, both replaceable by a digest-pinned image; no Node 20 left', () => {
  const args = Object.fromEntries([...dockerfile.matchAll(/^ARG (NODE_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
  assert.equal(args.NODE_BUILD_IMAGE, 'node:24-bookworm-slim');
  assert.equal(args.NODE_RUNTIME_IMAGE, 'gcr.io/distroless/nodejs24-debian12:nonroot');
  const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
  assert.ok(froms.every((f) => f === '${NODE_BUILD_IMAGE}' || f === '${NODE_RUNTIME_IMAGE}' || f === 'build'), froms.join(' '));
  assert.doesNotMatch(dockerfile, /node(?:js)?:?20\b|nodejs20/);
  // No digest is invented: the file says why and how to pin.
  assert.doesNotMatch(dockerfile, /@sha256:[0-9a-f]/);
  assert.match(dockerfile, /--build-arg NODE_BUILD_IMAGE=node:24-bookworm-slim@sha256:/);
  // The webhook target drops the client; the default (last) target is the full image.
  assert.match(dockerfile, /^FROM build AS webhook-deps\nRUN npm uninstall --omit=dev [^\n]*@kubernetes\/client-node$/m);
  assert.match(dockerfile, /^FROM \$\{NODE_RUNTIME_IMAGE\} AS webhook\n(?:.*\n)*?COPY --from=webhook-deps \/src\/node_modules/m);
  assert.equal(froms.at(-1), '${NODE_RUNTIME_IMAGE}');
  assert.match(dockerfile, /AS full\n[^]*$/);
});

test('the webhook image\'s layout (no @kubernetes/client-node) serves, scans and prints its configuration; cluster commands say why they cannot run', (t) => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'mamori-webhook-image-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // /app as the webhook stage lays it out: its own dist and bin, node_modules without the client.
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '@kubernetes' || name === '.bin') continue;
    symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  const mamori = (args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'mamori.js'), ...args], { cwd: dir, encoding: 'utf8' });
  const resolved = spawnSync(process.execPath, ['--input-type=module', '-e', 'await import("@kubernetes/client-node")'], { cwd: join(dir, 'dist'), encoding: 'utf8' });
  assert.notEqual(resolved.status, 0, 'the client must not be reachable from this layout');
  assert.equal(mamori(['serve', '--help']).status, 0);
  const printed = mamori(['serve', '--print-webhook-config']);
  assert.equal(printed.status, 0, printed.stderr);
  assert.match(printed.stdout, /kind: ValidatingWebhookConfiguration/);
  const scan = mamori(['scan', join(root, 'examples', 'hello-apparmor.yaml'), '--format', 'json']);
  assert.equal(scan.status, 1, scan.stderr);
  for (const args of [['audit'], ['rbac', '--cluster'], ['versions', '--cluster']]) {
    const r = mamori([...args, '--kubeconfig', join(dir, 'none')]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /no Kubernetes client \(the webhook image runs `serve` only\)/, args.join(' '));
  }
});
