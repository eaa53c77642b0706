// A self-signed CA and a serving certificate, built with @peculiar/x509 on Node's WebCrypto (no OpenSSL binary).
// tsyringe, inside @peculiar/x509, needs the Reflect metadata API: this import must come first.
import 'reflect-metadata';
import {
  AuthorityKeyIdentifierExtension, BasicConstraintsExtension, ExtendedKeyUsage, ExtendedKeyUsageExtension, KeyUsageFlags,
  KeyUsagesExtension, Name, PemConverter, SubjectAlternativeNameExtension, SubjectKeyIdentifierExtension, X509CertificateGenerator,
} from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

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

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const crypto = webcrypto as unknown as Crypto;

/** Subject and issuer as [O=mamori, CN=…], built from values so no host or name is parsed as DN syntax. */
const dn = (cn: string): Name => new Name([{ O: ['mamori'] }, { CN: [cn] }]);

/** 16 random bytes, positive as a DER INTEGER (RFC 5280: at most 20 octets, non-negative). */
function serial(): string {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f;
  return b.toString('hex');
}

/** A fresh P-256 CA and a serving certificate for the given hosts; the CA key is thrown away. */
export async function generateSelfSigned(opts: SelfSignedOptions): Promise<SelfSigned> {
  if (opts.hosts.length === 0) throw new Error('a serving certificate needs at least one host');
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 5 * 60_000); // allow for clock skew
  const notAfter = new Date(now.getTime() + (opts.days ?? 365) * 86_400_000);
  const [ca, leaf] = await Promise.all([
    crypto.subtle.generateKey(EC, false, ['sign', 'verify']),
    crypto.subtle.generateKey(EC, true, ['sign', 'verify']),
  ]);
  const caName = dn(`mamori webhook CA ${randomBytes(4).toString('hex')}`);
  const authority = await AuthorityKeyIdentifierExtension.create(ca.publicKey, false, crypto);
  const caCert = await X509CertificateGenerator.create({
    serialNumber: serial(), subject: caName, issuer: caName, notBefore, notAfter, publicKey: ca.publicKey, signingKey: ca.privateKey, signingAlgorithm: EC,
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(ca.publicKey, false, crypto),
      authority,
    ],
  }, crypto);
  const leafCert = await X509CertificateGenerator.create({
    serialNumber: serial(), subject: dn(opts.hosts[0]!), issuer: caName, notBefore, notAfter, publicKey: leaf.publicKey, signingKey: ca.privateKey, signingAlgorithm: EC,
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      new ExtendedKeyUsageExtension([opts.client ? ExtendedKeyUsage.clientAuth : ExtendedKeyUsage.serverAuth], false),
      new SubjectAlternativeNameExtension(opts.hosts.map((h) => ({ type: isIP(h) ? 'ip' as const : 'dns' as const, value: h })), false),
      await SubjectKeyIdentifierExtension.create(leaf.publicKey, false, crypto),
      authority,
    ],
  }, crypto);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', leaf.privateKey);
  return {
    caPem: `${caCert.toString('pem')}\n`,
    certPem: `${leafCert.toString('pem')}\n`,
    keyPem: `${PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`,
  };
}
