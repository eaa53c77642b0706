// A self-signed CA and a serving certificate, built with node:crypto and a small DER encoder (no OpenSSL, no npm).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

// DER: tag, length, value. Only the handful of types an X.509 v3 certificate needs.
function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function tlv(tag: number, value: Buffer): Buffer { return Buffer.concat([Buffer.from([tag]), len(value.length), value]); }
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 + n, inner);

function int(b: Buffer): Buffer {
  let v = b;
  while (v.length > 1 && v[0] === 0 && (v[1]! & 0x80) === 0) v = v.subarray(1);
  if ((v[0]! & 0x80) !== 0) v = Buffer.concat([Buffer.from([0]), v]);
  return tlv(0x02, v);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

function name(cn: string): Buffer {
  return seq(set(seq(oid(OID.organization), utf8('mamori'))), set(seq(oid(OID.commonName), utf8(cn))));
}

function ext(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** keyUsage bits, numbered as RFC 5280 numbers them (0 = digitalSignature, 5 = keyCertSign, 6 = cRLSign). */
function keyUsage(...bitNumbers: number[]): Buffer {
  let v = 0;
  for (const b of bitNumbers) v |= 0x80 >> b;
  const unused = v === 0 ? 0 : Math.min(...bitNumbers.map((b) => 7 - b));
  return tlv(0x03, Buffer.from([unused, v]));
}

function san(hosts: readonly string[]): Buffer {
  const names = hosts.map((h) => {
    const fam = isIP(h);
    if (fam === 4) return tlv(0x87, Buffer.from(h.split('.').map(Number)));
    if (fam === 6) return tlv(0x87, ipv6Bytes(h));
    return tlv(0x82, Buffer.from(h, 'ascii'));
  });
  return seq(...names);
}

function ipv6Bytes(ip: string): Buffer {
  const [head, tail] = ip.includes('::') ? ip.split('::') as [string, string] : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return out;
}

function keyId(pub: KeyObject): Buffer {
  return createHash('sha1').update(pub.export({ type: 'spki', format: 'der' })).digest();
}

interface CertSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signer: KeyObject;
  issuerKeyId: Buffer;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function certificate(s: CertSpec): Buffer {
  const alg = seq(oid(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(serial),
    alg,
    name(s.issuer),
    seq(time(s.notBefore), time(s.notAfter)),
    name(s.subject),
    s.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(
      ...s.extensions,
      ext(OID.subjectKeyId, false, octets(keyId(s.publicKey))),
      ext(OID.authorityKeyId, false, seq(tlv(0x80, s.issuerKeyId))),
    )),
  );
  return seq(tbs, alg, bits(sign('sha256', tbs, s.signer)));
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export interface SelfSigned {
  /** PEM of the CA: what goes into a webhook configuration's caBundle */
  caPem: string;
  /** PEM of the serving certificate, signed by the CA */
  certPem: string;
  /** PEM (PKCS#8) of the serving key */
  keyPem: string;
}

export interface SelfSignedOptions {
  /** DNS names and IP addresses the serving certificate is valid for */
  hosts: readonly string[];
  /** validity in days (default 365) */
  days?: number;
  now?: Date;
  /** a client certificate (extended key usage clientAuth) instead of a serving one, e.g. for the API server's side of --client-ca */
  client?: boolean;
}

/** A fresh P-256 CA and a serving certificate for the given hosts; the CA key is thrown away. */
export function generateSelfSigned(opts: SelfSignedOptions): SelfSigned {
  if (opts.hosts.length === 0) throw new Error('a serving certificate needs at least one host');
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 5 * 60_000); // allow for clock skew
  const notAfter = new Date(now.getTime() + (opts.days ?? 365) * 86_400_000);
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const leaf = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caId = keyId(ca.publicKey);
  const caCn = `mamori webhook CA ${randomBytes(4).toString('hex')}`;
  const caDer = certificate({
    subject: caCn, issuer: caCn, publicKey: ca.publicKey, signer: ca.privateKey, issuerKeyId: caId, notBefore, notAfter,
    extensions: [ext(OID.basicConstraints, true, seq(bool(true), int(Buffer.from([0])))), ext(OID.keyUsage, true, keyUsage(0, 5, 6))],
  });
  const leafDer = certificate({
    subject: opts.hosts[0]!, issuer: caCn, publicKey: leaf.publicKey, signer: ca.privateKey, issuerKeyId: caId, notBefore, notAfter,
    extensions: [
      ext(OID.basicConstraints, true, seq()),
      ext(OID.keyUsage, true, keyUsage(0)),
      ext(OID.extKeyUsage, false, seq(oid(opts.client ? OID.clientAuth : OID.serverAuth))),
      ext(OID.subjectAltName, false, san(opts.hosts)),
    ],
  });
  return {
    caPem: pem('CERTIFICATE', caDer),
    certPem: pem('CERTIFICATE', leafDer),
    keyPem: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
