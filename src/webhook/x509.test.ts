// The self-signed CA and serving certificate: checked by OpenSSL-backed node:crypto and by a real TLS handshake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateSelfSigned } from './x509.js';

test('the serving certificate is signed by the CA and names every host', async () => {
  const s = await generateSelfSigned({ hosts: ['127.0.0.1', 'localhost', '::1', 'mamori.mamori.svc'], days: 30 });
  const ca = new X509Certificate(s.caPem);
  const leaf = new X509Certificate(s.certPem);
  assert.equal(ca.ca, true);
  assert.equal(leaf.ca, false);
  assert.ok(ca.verify(ca.publicKey), 'CA is self-signed');
  assert.ok(leaf.verify(ca.publicKey), 'leaf is signed by the CA');
  assert.ok(leaf.checkIssued(ca));
  assert.ok(leaf.checkPrivateKey(createPrivateKey(s.keyPem)));
  assert.equal(leaf.checkIP('127.0.0.1'), '127.0.0.1');
  assert.ok(leaf.checkIP('::1'));
  assert.equal(leaf.checkHost('mamori.mamori.svc'), 'mamori.mamori.svc');
  assert.equal(leaf.checkHost('other.example'), undefined);
  assert.equal(leaf.subjectAltName, 'IP Address:127.0.0.1, DNS:localhost, IP Address:0:0:0:0:0:0:0:1, DNS:mamori.mamori.svc');
  const days = (Date.parse(leaf.validTo) - Date.now()) / 86_400_000;
  assert.ok(days > 29 && days <= 30, String(days));
  assert.deepEqual(leaf.keyUsage, ['1.3.6.1.5.5.7.3.1']);
});

test('each call makes a new CA', async () => {
  const a = await generateSelfSigned({ hosts: ['localhost'] });
  const b = await generateSelfSigned({ hosts: ['localhost'] });
  assert.notEqual(new X509Certificate(a.caPem).fingerprint256, new X509Certificate(b.caPem).fingerprint256);
  assert.ok(!new X509Certificate(a.certPem).verify(new X509Certificate(b.caPem).publicKey));
});

test('no hosts is an error', async () => {
  await assert.rejects(generateSelfSigned({ hosts: [] }), /at least one host/);
});

test('a TLS client that trusts only the CA completes a handshake by IP and refuses another CA', async () => {
  const s = await generateSelfSigned({ hosts: ['127.0.0.1'] });
  const other = await generateSelfSigned({ hosts: ['127.0.0.1'] });
  const server = https.createServer({ cert: s.certPem, key: s.keyPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const get = (ca: string) => new Promise<string>((resolve, reject) => {
    https.get({ host: '127.0.0.1', port, ca, agent: false }, (res) => { let b = ''; res.on('data', (c) => { b += c; }); res.on('end', () => resolve(b)); }).on('error', reject);
  });
  try {
    assert.equal(await get(s.caPem), 'ok');
    await assert.rejects(get(other.caPem), /self[- ]signed|unable to verify|certificate/i);
  } finally { server.close(); }
});
