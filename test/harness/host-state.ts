// What a test node changes on the host (sysctls, iptables, links, mounts, cgroups, paths), captured before and put back after.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Everything a kubelet + containerd + CNI bridge is known to touch, in a form that compares with deepEqual. */
export interface HostState {
  sysctls: Record<string, string>;
  /** `iptables-save` / `ip6tables-save` without counters and comments, by family then table. */
  iptables: Record<string, Record<string, string[]>>;
  links: string[];
  /** Mount points from /proc/self/mountinfo. */
  mounts: string[];
  /** Every cgroup directory, relative to /sys/fs/cgroup. */
  cgroups: string[];
  /** Listings of the directories the kubelet and containerd write outside their configured roots. */
  dirs: Record<string, string[]>;
}

// The kubelet's setupKernelTunables and the CNI bridge plugin write these.
const SYSCTLS = [
  'vm/overcommit_memory',
  'vm/panic_on_oom',
  'kernel/panic',
  'kernel/panic_on_oops',
  'kernel/keys/root_maxkeys',
  'kernel/keys/root_maxbytes',
  'net/ipv4/ip_forward',
  'net/ipv6/conf/all/forwarding',
  'net/bridge/bridge-nf-call-iptables',
  'net/bridge/bridge-nf-call-ip6tables',
];

// Fixed paths outside the node's temp dir: runc shims' sockets, netns bind mounts, container log links.
export const WATCHED_DIRS = ['/run', '/run/containerd', '/run/netns', '/var/run/netns', '/var/lib', '/var/lib/cni', '/var/log', '/var/log/containers', '/etc', '/etc/cni', '/opt'];

const IPT = ['iptables', 'ip6tables'] as const;

function readSysctl(key: string): string | undefined {
  try {
    return readFileSync(join('/proc/sys', key), 'utf8').trim();
  } catch {
    return undefined;
  }
}

function out(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : '';
}

function iptablesSave(family: (typeof IPT)[number]): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const raw of out(`${family}-save`, []).split('\n')) {
    const line = raw.trim();
    if (line.startsWith('*')) tables[line.slice(1)] = current = [];
    else if (line.startsWith(':')) current?.push(line.replace(/ \[\d+:\d+\]$/, ''));
    else if (line.startsWith('-')) current?.push(line);
  }
  return tables;
}

/** Cgroups mamori's own kernel tests make for their workloads (test/kernel/seccomp-record.test.ts). */
export const TEST_CGROUP_PREFIX = 'mamori-record-';

function cgroupDirs(): string[] {
  const root = '/sys/fs/cgroup';
  const found: string[] = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      // The kernel tests put their workloads in cgroups of their own while a node may run beside them:
      // not the node's to compare, and never the node's to remove.
      if (!e.isDirectory() || e.name.startsWith(TEST_CGROUP_PREFIX)) continue;
      const sub = rel ? `${rel}/${e.name}` : e.name;
      found.push(sub);
      walk(sub);
    }
  };
  walk('');
  return found.sort();
}

function linkNames(): string[] {
  return readdirSync('/sys/class/net').sort();
}

function mountPoints(): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m): m is string => Boolean(m))
    .sort();
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return ['(absent)'];
  }
}

export function captureHostState(): HostState {
  const sysctls: Record<string, string> = {};
  for (const k of SYSCTLS) {
    const v = readSysctl(k);
    if (v !== undefined) sysctls[k] = v;
  }
  const iptables: HostState['iptables'] = {};
  for (const f of IPT) iptables[f] = iptablesSave(f);
  const dirs: Record<string, string[]> = {};
  for (const d of WATCHED_DIRS) dirs[d] = listing(d);
  return { sysctls, iptables, links: linkNames(), mounts: mountPoints(), cgroups: cgroupDirs(), dirs };
}

// Splits one `iptables -S`/save rule line into argv, honouring the double quotes iptables puts around comments.
export function splitRule(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inQuote = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuote) {
      if (c === '\\' && i + 1 < line.length) cur += line[++i];
      else if (c === '"') inQuote = false;
      else cur += c;
    } else if (c === '"') {
      inQuote = true;
      has = true;
    } else if (c === ' ') {
      if (has || cur) args.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) args.push(cur);
  return args;
}

function restoreIptables(before: HostState['iptables'], errors: string[]): void {
  for (const family of IPT) {
    for (const [table, lines] of Object.entries(iptablesSave(family))) {
      const had = before[family]?.[table];
      if (!had) {
        // A table the node created: remove it whole, as nft sees it (iptables-nft keeps an emptied table).
        const nftFamily = family === 'iptables' ? 'ip' : 'ip6';
        const r = spawnSync('nft', ['delete', 'table', nftFamily, table], { encoding: 'utf8' });
        if (r.status !== 0) {
          spawnSync(family, ['-t', table, '-F']);
          spawnSync(family, ['-t', table, '-X']);
        }
        continue;
      }
      const kept = new Set(had);
      for (const line of lines.filter((l) => l.startsWith('-A ') && !kept.has(l))) {
        const r = spawnSync(family, ['-t', table, '-D', ...splitRule(line).slice(1)], { encoding: 'utf8' });
        if (r.status !== 0) errors.push(`${family} -t ${table} -D ${line}: ${r.stderr.trim()}`);
      }
      for (const line of lines.filter((l) => l.startsWith(':') && !kept.has(l))) {
        const chain = line.slice(1).split(' ')[0]!;
        if (had.some((h) => h.startsWith(`:${chain} `))) continue; // a changed policy or counter, not a new chain
        spawnSync(family, ['-t', table, '-F', chain]);
        const r = spawnSync(family, ['-t', table, '-X', chain], { encoding: 'utf8' });
        if (r.status !== 0) errors.push(`${family} -t ${table} -X ${chain}: ${r.stderr.trim()}`);
      }
    }
  }
}

function killCgroupProcs(dir: string): void {
  let pids: string[];
  try {
    pids = readFileSync(join('/sys/fs/cgroup', dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return;
  }
  for (const p of pids) {
    try {
      process.kill(Number(p), 'SIGKILL');
    } catch {
      /* gone already */
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Puts back what changed since `before`: kills what runs in new cgroups, unmounts new mounts, removes new cgroups,
 * links, iptables chains and paths, and writes back sysctls. Synchronous, so an exit hook can run it.
 * Returns what it could not undo.
 */
export function restoreHostState(before: HostState): string[] {
  const errors: string[] = [];
  const oldCgroups = new Set(before.cgroups);
  const newCgroups = () => cgroupDirs().filter((c) => !oldCgroups.has(c));
  for (const c of newCgroups()) killCgroupProcs(c);

  const oldMounts = new Set(before.mounts);
  for (let pass = 0; pass < 3; pass++) {
    const extra = mountPoints().filter((m) => !oldMounts.has(m));
    if (extra.length === 0) break;
    // Deepest first, so a mount is never busy because of one under it.
    for (const m of extra.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m]);
  }

  // rmdir fails while a killed process is still exiting; a few short retries cover that.
  for (let attempt = 0; attempt < 20; attempt++) {
    const left = newCgroups().sort((a, b) => b.split('/').length - a.split('/').length);
    if (left.length === 0) break;
    for (const c of left) {
      killCgroupProcs(c);
      try {
        rmSync(join('/sys/fs/cgroup', c), { recursive: false });
      } catch {
        /* retried below */
      }
      spawnSync('rmdir', [join('/sys/fs/cgroup', c)]);
    }
    sleepSync(100);
  }
  for (const c of newCgroups()) errors.push(`cgroup /sys/fs/cgroup/${c} could not be removed`);

  const oldLinks = new Set(before.links);
  for (const l of linkNames().filter((n) => !oldLinks.has(n))) {
    const r = spawnSync('ip', ['link', 'delete', l], { encoding: 'utf8' });
    if (r.status !== 0 && existsSync(`/sys/class/net/${l}`)) errors.push(`ip link delete ${l}: ${r.stderr.trim()}`);
  }

  restoreIptables(before.iptables, errors);

  // Deepest directories first, so a new parent is removed with its new children already gone.
  for (const dir of [...WATCHED_DIRS].sort((a, b) => b.length - a.length)) {
    const had = before.dirs[dir] ?? [];
    if (had.includes('(absent)')) {
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const kept = new Set(had);
    for (const e of listing(dir).filter((n) => n !== '(absent)' && !kept.has(n))) {
      const p = join(dir, e);
      try {
        if (statSync(p, { throwIfNoEntry: false })?.isDirectory() && mountPoints().some((m) => m.startsWith(`${p}/`))) {
          errors.push(`${p} still has mounts`);
          continue;
        }
      } catch {
        /* a dangling link: removed below */
      }
      rmSync(p, { recursive: true, force: true });
    }
  }

  for (const [k, v] of Object.entries(before.sysctls)) {
    if (readSysctl(k) === v) continue;
    try {
      writeFileSync(join('/proc/sys', k), v);
    } catch (e) {
      errors.push(`sysctl ${k}=${v}: ${(e as Error).message}`);
    }
  }
  return errors;
}
