// Serving key and certificate from files, reloaded when they change (cert-manager rotates them in place).
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import { X509Certificate, createPrivateKey } from 'node:crypto';

export interface KeyPair { certPem: string; keyPem: string }

/** Reads and checks a key pair; throws with the file named when it is unreadable or mismatched. */
export function readKeyPair(certFile: string, keyFile: string): KeyPair {
  const certPem = readFileSync(certFile, 'utf8');
  const keyPem = readFileSync(keyFile, 'utf8');
  let cert: X509Certificate;
  try { cert = new X509Certificate(certPem); } catch (e) { throw new Error(`${certFile}: not a PEM certificate (${(e as Error).message})`, { cause: e }); }
  let key;
  try { key = createPrivateKey(keyPem); } catch (e) { throw new Error(`${keyFile}: not a PEM private key (${(e as Error).message})`, { cause: e }); }
  // Mid-rotation the two files can disagree for a moment; loading such a pair would break every handshake.
  if (!cert.checkPrivateKey(key)) throw new Error(`${keyFile}: key does not belong to the certificate in ${certFile}`);
  return { certPem, keyPem };
}

export interface WatchOptions {
  /** poll interval in ms, in case fs events are lost (network filesystems, some mounts) */
  pollMs?: number;
  onChange(pair: KeyPair): void;
  onError(err: Error): void;
}

/** Calls onChange with each new, consistent pair; returns a stop function. */
export function watchKeyPair(certFile: string, keyFile: string, initial: KeyPair, opts: WatchOptions): () => void {
  let current = initial;
  let pending: NodeJS.Timeout | undefined;
  let lastError = '';
  const check = (): void => {
    let next: KeyPair;
    try { next = readKeyPair(certFile, keyFile); } catch (e) {
      // Report each distinct problem once; keep serving the last good pair.
      const msg = (e as Error).message;
      if (msg !== lastError) { lastError = msg; opts.onError(e as Error); }
      return;
    }
    lastError = '';
    if (next.certPem === current.certPem && next.keyPem === current.keyPem) return;
    current = next;
    opts.onChange(next);
  };
  const soon = (): void => {
    if (pending) clearTimeout(pending);
    // Secrets mounted by the kubelet swap a symlink: wait for both files to settle.
    pending = setTimeout(check, 100);
    pending.unref();
  };
  // Watching the directories, not the files: an atomic rename replaces the inode a file watch holds.
  const watchers: FSWatcher[] = [];
  for (const dir of new Set([dirname(certFile), dirname(keyFile)])) {
    try {
      const w = watch(dir, { persistent: false }, soon);
      w.on('error', () => { /* the poll below still runs */ });
      watchers.push(w);
    } catch { /* no fs events here: polling alone */ }
  }
  const timer = setInterval(check, opts.pollMs ?? 10_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (pending) clearTimeout(pending);
    for (const w of watchers) w.close();
  };
}
