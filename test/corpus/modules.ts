// Where the real-world corpus lives: the Go modules CI downloads (k8s.io/kubernetes, helm), in the Go module cache.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../cli/run.js';

function envValue(file: string, key: string, fallback: string): string {
  try {
    for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
      const [k, v] = line.split('=');
      if (k?.trim() === key && v) return v.trim().replace(/^"|"$/g, '');
    }
  } catch { /* the default below */ }
  return fallback;
}

function modCache(): string {
  if (process.env.GOMODCACHE) return process.env.GOMODCACHE;
  const go = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8', env: { ...process.env, PATH: `/usr/local/go/bin:${process.env.PATH}` } });
  const out = go.status === 0 ? go.stdout.trim() : '';
  return out || join(process.env.GOPATH ?? join(homedir(), 'go'), 'pkg', 'mod');
}

export interface Corpus { required: string[]; optional: string[]; missing: string[] }

/** k8s.io/kubernetes (tools/k8s/versions.env) is required; helm's module is used when tools/install-helm.sh built from it. */
export function corpusRoots(): Corpus {
  const cache = modCache();
  const k8s = join(cache, 'k8s.io', `kubernetes@${envValue('tools/k8s/versions.env', 'K8S_VERSION', 'v1.35.4')}`);
  const helm = join(cache, 'helm.sh', 'helm', `v3@${process.env.HELM_VERSION ?? 'v3.22.0'}`);
  return { required: existsSync(k8s) ? [k8s] : [], optional: existsSync(helm) ? [helm] : [], missing: existsSync(k8s) ? [] : [k8s] };
}
