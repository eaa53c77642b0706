// Bearer tokens read from a file that changes under a running audit (projected service-account tokens, kubeconfig tokenFile).
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type https from 'node:https';
import { parse } from 'yaml';
import type { KubeConfig, User } from '@kubernetes/client-node';
import { UsageError } from '../core/errors.js';

/** The authProvider name mamori gives a user whose token it reads from a file (no built-in authenticator claims it). */
const PROVIDER = 'mamori-token-file';

/**
 * A token file, re-read whenever it changes (kubelet swaps projected tokens in atomically, so the
 * inode changes) and at least once a minute, as client-go does; `reload()` forces a read after a 401.
 */
export class TokenFile {
  private value: string | undefined;
  private signature = '';
  private readAt = 0;

  constructor(readonly path: string, private readonly maxAgeMs = 60_000, private readonly now: () => number = Date.now) {}

  /** The current token; a file that vanished for a moment keeps the last token rather than failing the request. */
  token(): string {
    let sig: string;
    try {
      const st = statSync(this.path);
      sig = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch (e) {
      if (this.value !== undefined) return this.value;
      throw new UsageError(`cannot read the token file ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (this.value === undefined || sig !== this.signature || this.now() - this.readAt >= this.maxAgeMs) this.read(sig);
    return this.value!;
  }

  /** Reads the file again; true when the token changed (worth retrying a refused request). */
  reload(): boolean {
    const before = this.value;
    this.value = undefined;
    try { this.token(); } catch { this.value = before; return false; }
    return this.value !== before;
  }

  private read(sig: string): void {
    let text: string;
    try { text = readFileSync(this.path, 'utf8'); } catch (e) {
      if (this.value !== undefined) return;
      throw new UsageError(`cannot read the token file ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    this.value = text.trim();
    this.signature = sig;
    this.readAt = this.now();
  }
}

/** The kubeconfig files loadFromDefault reads, in its order. */
function kubeconfigFiles(explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

/**
 * Where the current user's token lives: in-cluster credentials name the projected token; a kubeconfig
 * user may say `tokenFile` (client-go's key) or `token-file`. The client library reads the latter once
 * at load and ignores the former, so mamori reads the kubeconfig itself. Relative paths are relative to
 * the kubeconfig file, as in client-go.
 */
export function tokenFilePath(kc: KubeConfig, explicitKubeconfig: string | undefined): string | undefined {
  const user = kc.getCurrentUser();
  if (!user) return undefined;
  const inCluster = (user.authProvider as { config?: { tokenFile?: unknown } } | undefined)?.config?.tokenFile;
  if (typeof inCluster === 'string' && inCluster) return inCluster;
  for (const file of kubeconfigFiles(explicitKubeconfig)) {
    let doc: unknown;
    try { doc = parse(readFileSync(file, 'utf8')); } catch { continue; }
    const users = (doc as { users?: unknown } | null)?.users;
    if (!Array.isArray(users)) continue;
    const entry = users.find((u: { name?: unknown }) => u?.name === user.name) as { user?: Record<string, unknown> } | undefined;
    if (!entry) continue;
    const path = entry.user?.tokenFile ?? entry.user?.['token-file'];
    if (typeof path !== 'string' || !path) return undefined;
    return isAbsolute(path) ? path : join(dirname(file), path);
  }
  return undefined;
}

/**
 * Makes every request the client library authenticates (mamori's own and its watches) take the token
 * from the file as it is now, instead of the copy read at start-up.
 */
export function useTokenFile(kc: KubeConfig, source: TokenFile): void {
  const current = kc.getCurrentUser();
  if (!current) return;
  // The static token and the library's own file reader are replaced; certificates and impersonation stay.
  const replaced: User = { ...current, token: undefined, authProvider: { name: PROVIDER, config: {} } };
  kc.users = kc.users.map((u) => (u.name === current.name ? replaced : u));
  kc.addAuthenticator({
    isAuthProvider: (u: User) => (u.authProvider as { name?: unknown } | undefined)?.name === PROVIDER,
    applyAuthentication: async (_u: User, opts: https.RequestOptions | { headers?: Record<string, unknown> }) => {
      opts.headers = { ...(opts.headers ?? {}), Authorization: `Bearer ${source.token()}` };
    },
  });
}
