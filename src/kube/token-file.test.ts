// Token files: re-read when they change (in place or by an atomic rename), at least once a minute, and on demand after a 401.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { TokenFile, tokenFilePath, useTokenFile } from './token-file.js';

function tmp(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-token-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('TokenFile follows in-place writes, atomic swaps, the minute limit; keeps the last token while the file is gone', (t) => {
  const dir = tmp(t);
  const f = join(dir, 'token');
  writeFileSync(f, 'one\n');
  let now = 0;
  const tf = new TokenFile(f, 60_000, () => now);
  assert.equal(tf.token(), 'one');
  writeFileSync(f, 'two-longer');
  assert.equal(tf.token(), 'two-longer');
  // kubelet's way: a new file renamed over the old name
  writeFileSync(join(dir, 'next'), 'three-is-here');
  renameSync(join(dir, 'next'), f);
  assert.equal(tf.token(), 'three-is-here');
  rmSync(f);
  assert.equal(tf.token(), 'three-is-here');
  assert.equal(tf.reload(), false);
  writeFileSync(f, 'four');
  now += 61_000;
  assert.equal(tf.token(), 'four');
  assert.equal(tf.reload(), false, 'unchanged file: nothing to retry with');
  assert.throws(() => new TokenFile(join(dir, 'missing')).token(), /cannot read the token file .*missing: ENOENT/);
});

test('tokenFilePath: kubeconfig tokenFile (relative to the file) and token-file; in-cluster tokenFile; none for a static token', (t) => {
  const dir = tmp(t);
  const kcText = (user: string) => `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\nusers: [{name: u, user: {${user}}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`;
  const cases: Array<[string, string | undefined]> = [
    ['tokenFile: sa/token', join(dir, 'sa', 'token')],
    ['token-file: /var/run/t', '/var/run/t'],
    ['token: abc', undefined],
  ];
  for (const [user, want] of cases) {
    const file = join(dir, 'config');
    writeFileSync(file, kcText(user));
    const kc = new KubeConfig();
    try { kc.loadFromFile(file); } catch { /* token-file pointing nowhere: the library reads it eagerly */ }
    if (!kc.getCurrentUser()) kc.loadFromString(kcText('token: placeholder'));
    assert.equal(tokenFilePath(kc, file), want, user);
  }
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser({ name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: false }, { name: 'u', authProvider: { name: 'tokenFile', config: { tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token' } } });
  assert.equal(tokenFilePath(kc, undefined), '/var/run/secrets/kubernetes.io/serviceaccount/token');
});

test('useTokenFile: the client library (requests and watches) sends the token as the file holds it now', async (t) => {
  const dir = tmp(t);
  const f = join(dir, 'token');
  writeFileSync(f, 'first');
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser({ name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: false }, { name: 'u', token: 'stale-static', impersonateUser: 'bob' });
  useTokenFile(kc, new TokenFile(f));
  const headers = async () => { const o: { headers?: Record<string, unknown> } = {}; await kc.applyToHTTPSOptions(o); return o.headers; };
  assert.deepEqual(await headers(), { 'Impersonate-User': 'bob', Authorization: 'Bearer first' });
  writeFileSync(f, 'second-token');
  assert.equal((await headers())!.Authorization, 'Bearer second-token');
  const fetchInit = await kc.applyToFetchOptions({});
  assert.equal((fetchInit.headers as unknown as Headers).get('authorization'), 'Bearer second-token');
});
