// `seccomp record` on the node: which live processes are the container's (/proc/PID/cgroup), and reading /dev/kmsg as records arrive.
import { closeSync, constants, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import type { Attribute } from './record.js';

/** How the user named the container: its runtime ID, its Pod's UID, or a cgroup path as /proc/PID/cgroup shows it. */
export type Scope = { kind: 'container'; id: string } | { kind: 'pod'; uid: string } | { kind: 'cgroup'; path: string };

/** `containerd://ID` (kubectl's containerID), `cri-o://ID`, `docker://ID`, or a bare ID of 12 to 64 hex digits. */
export function parseContainerId(v: string): string | null {
  const id = v.includes('://') ? v.slice(v.indexOf('://') + 3) : v;
  return /^[0-9a-f]{12,64}$/.test(id) ? id : null;
}

export function parsePodUid(v: string): string | null {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v) ? v : null;
}

/**
 * Whether the text of /proc/PID/cgroup places the process in the scope. Pure. cgroupfs and systemd
 * drivers spell a Pod differently (pod<uid> and pod<uid_with_underscores>.slice); both are matched.
 */
export function cgroupMatches(cgroupText: string, scope: Scope): boolean {
  for (const line of cgroupText.split('\n')) {
    // hierarchy-ID:controllers:path; the path may itself hold colons
    const second = line.indexOf(':', line.indexOf(':') + 1);
    if (second < 0) continue;
    const path = line.slice(second + 1);
    if (scope.kind === 'container' && path.includes(scope.id)) return true;
    if (scope.kind === 'pod' && (path.includes(`pod${scope.uid}`) || path.includes(`pod${scope.uid.replace(/-/g, '_')}`))) return true;
    if (scope.kind === 'cgroup' && (path === scope.path || path.startsWith(`${trimSlashes(scope.path)}/`))) return true;
  }
  return false;
}

function trimSlashes(p: string): string {
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47) end--;
  return p.slice(0, end);
}

/** The kernel's PF_EXITING task flag: set when a process starts to exit, before it leaves its cgroup. */
const PF_EXITING = 0x4;

/**
 * State, parent and whether it is exiting, from /proc/PID/stat ("pid (comm) S ppid pgrp session tty tpgid flags …";
 * comm may hold spaces and parentheses). Pure.
 */
export function parseProcStat(text: string): { state: string; ppid: number; exiting: boolean } | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const f = text.slice(close + 2).split(' ', 7);
  const [state, ppid, flags] = [f[0], f[1], f[6]];
  if (!state || !ppid || !flags || !/^\d{1,10}$/.test(ppid) || !/^\d{1,10}$/.test(flags)) return null;
  return { state, ppid: Number(ppid), exiting: state === 'Z' || state === 'X' || (Number(flags) & PF_EXITING) !== 0 };
}

function readOrNull(path: string): string | null {
  try { return readFileSync(path, 'latin1'); } catch { return null; }
}

/**
 * Places a pid by reading its cgroup file now; a pid whose /proc entry is gone cannot be placed. A process that is
 * exiting or has exited but is not yet reaped (a zombie) may have left its cgroup already (cgroup v1 then shows the
 * root), so it is never placed outside: it is in when its cgroup or its parent's (which forked it: a shell script's
 * short-lived child is the common case) is in, and otherwise cannot be placed.
 */
export function procAttribute(scope: Scope, proc = '/proc'): Attribute {
  const place = (pid: number, viaParent: boolean): 'in' | 'out' | 'gone' => {
    const cgroup = readOrNull(`${proc}/${pid}/cgroup`);
    if (cgroup === null) return 'gone';
    if (cgroupMatches(cgroup, scope)) return 'in';
    // read after the cgroup: a process alive now was alive, and in that cgroup, when it was read
    const stat = parseProcStat(readOrNull(`${proc}/${pid}/stat`) ?? '');
    if (!stat) return 'gone';
    if (!stat.exiting) return 'out';
    if (viaParent || stat.ppid <= 1) return 'gone';
    return place(stat.ppid, true) === 'in' ? 'in' : 'gone';
  };
  return (pid) => place(pid, false);
}

/** True while the pid still runs in the scope (a zombie answers for its parent, which is fine: it is about to go). */
export function stillIn(scope: Scope, pid: number, proc = '/proc'): boolean {
  return procAttribute(scope, proc)(pid) === 'in';
}

/** One /dev/kmsg record: "PRIO,SEQ,USEC,FLAGS;message\n KEY=value..." -> its sequence number, time and message. Pure. */
export function parseKmsgRecord(rec: string): { seq: number; usec: number; message: string } | null {
  const semi = rec.indexOf(';');
  if (semi < 0) return null;
  const head = rec.slice(0, semi).split(',');
  if (head.length < 3 || !/^\d{1,20}$/.test(head[1]!) || !/^\d{1,20}$/.test(head[2]!)) return null;
  const nl = rec.indexOf('\n', semi);
  return { seq: Number(head[1]), usec: Number(head[2]), message: rec.slice(semi + 1, nl < 0 ? rec.length : nl) };
}

/**
 * How many records were lost between the last one read and this one, counting only losses that may hold the
 * recording's own records: when this record was logged before `since` (the kernel log's clock, microseconds since
 * boot), every record lost before it was older still, and the recording never needed it. Pure.
 */
export function lostSince(lastSeq: number | null, rec: { seq: number; usec: number }, since: number | null): number {
  if (lastSeq === null || rec.seq <= lastSeq + 1) return 0;
  if (since !== null && rec.usec < since) return 0;
  return rec.seq - lastSeq - 1;
}

/** Now on the kernel log's clock (CLOCK_MONOTONIC, which the log's timestamps follow to within milliseconds). */
export function kmsgNow(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export class KmsgError extends Error {}

/**
 * Reads the kernel log through /dev/kmsg from the oldest record it still holds, then follows it until
 * the signal aborts. Non-blocking reads polled at most 4 ms apart (a short-lived process must still be there when its
 * record is read), so stopping never waits on a read. Records overwritten before they were read are reported unless
 * they were logged before `since` (kmsgNow() at the start): a busy log overwrites its oldest records while mamori reads
 * through them, and those were never the recording's.
 */
export async function followKmsg(onLine: (message: string) => void, onLoss: (records: number) => void, signal: AbortSignal, since: number | null = null, device = '/dev/kmsg'): Promise<void> {
  let fd: number;
  try { fd = openSync(device, constants.O_RDONLY | constants.O_NONBLOCK); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EACCES') throw new KmsgError(`cannot read ${device}: permission denied (run as root, or with CAP_SYSLOG when kernel.dmesg_restrict=1)`);
    throw new KmsgError(`cannot read ${device}: ${code ?? (e as Error).message}`);
  }
  const buf = Buffer.alloc(16 * 1024);
  let lastSeq: number | null = null;
  let idle = 1;
  try {
    while (!signal.aborted) {
      let n: number;
      try { n = readSync(fd, buf, 0, buf.length, null); } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          await new Promise((r) => setTimeout(r, idle));
          idle = Math.min(4, idle * 2);
          continue;
        }
        // the records under the reader were overwritten; the sequence gap of the next read says how many
        if (code === 'EPIPE') continue;
        throw new KmsgError(`reading ${device}: ${code ?? (e as Error).message}`);
      }
      idle = 1;
      const rec = parseKmsgRecord(buf.toString('latin1', 0, n));
      if (!rec) continue;
      const lost = lostSince(lastSeq, rec, since);
      if (lost) onLoss(lost);
      lastSeq = rec.seq;
      onLine(rec.message);
    }
  } finally {
    closeSync(fd);
  }
}

const RATELIMIT = '/proc/sys/kernel/printk_ratelimit';

export function printkRatelimit(): number | null {
  try { return Number(readFileSync(RATELIMIT, 'utf8').trim()); } catch { return null; }
}

/**
 * Sets kernel.printk_ratelimit to 0 for the recording. keep() sets it again when something else put a
 * value back (another recording or tool that lifted it first and restored it): that value is then the
 * one to restore, so two overlapping recordings leave the node as they found it.
 */
export function liftPrintkRatelimit(file = RATELIMIT): { keep: () => void; restore: () => void } {
  const read = (): number | null => { try { return Number(readFileSync(file, 'utf8').trim()); } catch { return null; } };
  let old = read();
  if (old === null) throw new KmsgError(`cannot read ${file}`);
  const lift = (): void => {
    try { writeFileSync(file, '0'); } catch (e) {
      throw new KmsgError(`cannot set kernel.printk_ratelimit=0: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (needs root)`);
    }
  };
  lift();
  return {
    keep: () => {
      const now = read();
      // it worked at the start; a later failure only costs records, which the report then counts
      if (now !== null && now !== 0) { old = now; try { lift(); } catch { /* reported through the suppressed-callbacks count */ } }
    },
    restore: () => { writeFileSync(file, String(old)); },
  };
}
