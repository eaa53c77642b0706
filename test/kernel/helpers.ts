// Shared by the kernel tests: tool detection (skip visibly, fail under CI), the libseccomp loader, and running mamori's CLI.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import type { Profile } from '../../src/seccomp/profile.js';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** True when the tool runs; otherwise skips the test visibly, or throws under CI where every tool must be installed. */
export function need(t: TestContext, tool: string, probe: string[] = ['--version']): boolean {
  const r = spawnSync(tool, probe, { encoding: 'utf8' });
  if (!r.error) return true;
  if (process.env.CI === 'true') throw new Error(`CI: ${tool} is required (tools/install-kernel-tools.sh installs it)`);
  t.skip(`skipped: needs ${tool}`);
  return false;
}

/** Builds test/kernel/seccomp-run.c once per source version into a cache outside the repository. */
export function loader(t: TestContext): string | null {
  const src = join(repo, 'test', 'kernel', 'seccomp-run.c');
  const hash = createHash('sha256').update(readFileSync(src)).digest('hex').slice(0, 12);
  const cache = process.env.MAMORI_TOOL_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mamori');
  const bin = join(cache, `seccomp-run-${hash}`);
  if (existsSync(bin) && statSync(bin).size > 0) return bin;
  if (!need(t, 'gcc')) return null;
  if (!existsSync('/usr/include/seccomp.h')) {
    if (process.env.CI === 'true') throw new Error('CI: libseccomp-dev is required (tools/install-kernel-tools.sh installs it)');
    t.skip('skipped: needs libseccomp-dev');
    return null;
  }
  mkdirSync(cache, { recursive: true });
  const r = spawnSync('gcc', ['-O2', '-o', bin, src, '-lseccomp'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building seccomp-run failed: ${r.stderr}`);
  return bin;
}

const ACTION: Record<string, string> = {
  SCMP_ACT_ALLOW: 'ALLOW', SCMP_ACT_ERRNO: 'ERRNO', SCMP_ACT_LOG: 'LOG', SCMP_ACT_KILL: 'KILL',
  SCMP_ACT_KILL_THREAD: 'KILL', SCMP_ACT_KILL_PROCESS: 'KILL_PROCESS',
};
const ARCH: Record<string, string> = { SCMP_ARCH_X86_64: 'x86_64', SCMP_ARCH_X86: 'x86', SCMP_ARCH_X32: 'x32', SCMP_ARCH_AARCH64: 'aarch64' };

/**
 * The loader's text form of a profile, read the way the given runtime reads the JSON: containerd
 * unmarshals into the OCI struct, so a legacy `name` is simply not there.
 */
export function filterText(p: Profile, runtime: 'containerd' | 'docker' = 'containerd'): string {
  const lines = [`default ${ACTION[p.defaultAction]} ${p.defaultErrnoRet ?? 1}`];
  for (const a of p.architectures ?? []) if (ARCH[a]) lines.push(`arch ${ARCH[a]}`);
  for (const r of p.syscalls) {
    if (r.args?.length) throw new Error('the test loader does not do argument filters');
    const names = runtime === 'docker' && r.legacyName ? [...r.names, r.legacyName] : r.names;
    for (const n of names) lines.push(`rule ${ACTION[r.action]} ${r.errnoRet ?? 1} ${n}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs mamori's CLI from source. */
export function mamori(args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'test', 'kernel', 'cli.ts'), ...args], { encoding: 'utf8', cwd: repo, ...(input !== undefined ? { input } : {}) });
}
