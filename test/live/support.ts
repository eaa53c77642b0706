// Helpers for the tests against a real API server (e2e) and on live Pods: run the mamori CLI from source, apply objects with the harness's kubectl, wait for a state.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { Cluster } from '../harness/cluster.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The mamori CLI from source in a child process (no build step), as a user runs it. */
export function mamori(args: string[], cwd = root): ChildProcess {
  return spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e',
    `const m = await import(${JSON.stringify(join(root, 'src', 'cli', 'main.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`, ...args],
  { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

export async function run(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = mamori(args, cwd);
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (c) => { stdout += c; });
  p.stderr!.on('data', (c) => { stderr += c; });
  const code = await new Promise<number>((res) => p.on('close', (c) => res(c ?? -1)));
  return { code, stdout, stderr };
}

export async function kubectl(c: Cluster, args: string[], input?: string): Promise<string> {
  const r = await c.kubectl(args, input);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** GET over plain HTTP on loopback (the audit's metrics address), the body as text. */
export function get(port: number, path: string): Promise<string> {
  return new Promise((res, rej) => {
    http.get({ host: '127.0.0.1', port, path }, (r) => { let b = ''; r.on('data', (c) => { b += c; }); r.on('end', () => res(b)); }).on('error', rej);
  });
}

/** One sample of a Prometheus text exposition, by name and the exact label text. */
export function metric(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line ? Number(line.split(' ').pop()) : undefined;
}

export const apply = (c: Cluster, objects: unknown[]): Promise<string> =>
  kubectl(c, ['apply', '-f', '-'], objects.map((o) => `---\n${stringify(o)}`).join(''));

/** Polls `fn` until it returns a value; the error names what was awaited and the last state seen. */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, everyMs = 500): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  while (Date.now() - t0 < timeoutMs) {
    try { const v = await fn(); if (v !== undefined) return v; } catch (e) { last = e; }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export interface PodInfo {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }> };
  status?: {
    phase?: string;
    containerStatuses?: Array<{
      name: string;
      restartCount: number;
      state?: { waiting?: { reason?: string; message?: string }; running?: object; terminated?: { reason?: string; exitCode?: number; message?: string } };
      lastState?: { terminated?: { reason?: string; exitCode?: number } };
    }>;
  };
}

export async function pods(c: Cluster, ns: string, selector?: string): Promise<PodInfo[]> {
  const out = await kubectl(c, ['get', 'pods', '-n', ns, '-o', 'json', ...(selector ? ['-l', selector] : [])]);
  return (JSON.parse(out) as { items: PodInfo[] }).items;
}

/** The controller a Pod names (kind/name), as the controller that created it wrote it. */
export const ownerOf = (p: PodInfo): string | undefined => {
  const o = p.metadata.ownerReferences?.find((r) => r.controller);
  return o ? `${o.kind}/${o.name}` : undefined;
};
