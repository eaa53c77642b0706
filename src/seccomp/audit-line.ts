// Reads kernel audit records: seccomp (type=1326/SECCOMP) and AppArmor (type=1400/AVC), in dmesg, syslog, journald, auditd and ausearch -i layouts.
import { fromAuditArch } from './syscall-table.js';

export interface SeccompRecord {
  arch: string; syscall: string; pid: number | null; comm: string | null; code: string | null;
  exe: string | null;
  /** audit(SECONDS.MS:SERIAL): when the kernel made the record, and its audit serial; null when the line has no stamp */
  time: number | null;
  serial: number | null;
}

const EPOCH_STAMP = /audit\((\d{1,12})(?:\.(\d{1,9}))?:(\d{1,20})\)/;
/** `ausearch -i` prints local time: audit(11/30/2026 20:50:00.123:456) */
const LOCAL_STAMP = /audit\((\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?:(\d{1,20})\)/;

/** The audit stamp of a record as epoch seconds and serial. */
export function auditStamp(line: string): { time: number; serial: number } | null {
  const e = EPOCH_STAMP.exec(line);
  if (e) return { time: Number(`${e[1]}.${e[2] ?? '0'}`), serial: Number(e[3]) };
  const l = LOCAL_STAMP.exec(line);
  if (!l) return null;
  const ms = new Date(Number(l[3]), Number(l[1]) - 1, Number(l[2]), Number(l[4]), Number(l[5]), Number(l[6])).getTime();
  return { time: ms / 1000 + Number(`0.${l[7] ?? '0'}`), serial: Number(l[8]) };
}

/** key=value pairs of an audit record; values may be "quoted". Stops at auditd's 0x1D enrichment separator. */
export function auditFields(line: string): Map<string, string> {
  const gs = line.indexOf('\x1d');
  const text = gs >= 0 ? line.slice(0, gs) : line;
  const out = new Map<string, string>();
  const re = /(?<![\w-])([A-Za-z_][\w-]*)=("(?:[^"\\]|\\.)*"|\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const v = m[2]!;
    if (!out.has(m[1]!)) out.set(m[1]!, v.startsWith('"') ? v.slice(1, -1) : v);
  }
  return out;
}

/** A seccomp audit record, or null when the line is not one. */
export function parseAuditSeccomp(line: string): SeccompRecord | null {
  if (!/type=(?:1326|SECCOMP)\b|: SECCOMP /.test(line)) return null;
  const f = auditFields(line);
  const arch = f.get('arch');
  const syscall = f.get('syscall');
  if (!arch || !syscall) return null;
  const pid = f.get('pid');
  const stamp = auditStamp(line);
  return {
    arch: fromAuditArch(arch), syscall, pid: pid && /^\d+$/.test(pid) ? Number(pid) : null, comm: f.get('comm') ?? null, code: f.get('code') ?? null,
    exe: f.get('exe') ?? null, time: stamp?.time ?? null, serial: stamp?.serial ?? null,
  };
}

export interface AppArmorRecord {
  apparmor: string;
  operation: string;
  profile: string;
  name: string | null;
  requestedMask: string | null;
  deniedMask: string | null;
  capname: string | null;
  family: string | null;
  sockType: string | null;
}

/** An AppArmor audit record (type=1400 / AVC with apparmor=...), or null. */
export function parseAuditAppArmor(line: string): AppArmorRecord | null {
  if (!/type=(?:1400|AVC)\b|apparmor="?(?:DENIED|ALLOWED|AUDIT)/.test(line)) return null;
  const f = auditFields(line);
  const apparmor = f.get('apparmor');
  const operation = f.get('operation');
  const profile = f.get('profile');
  if (!apparmor || !operation || !profile) return null;
  return {
    apparmor, operation, profile,
    name: f.get('name') ?? null,
    requestedMask: f.get('requested_mask') ?? null,
    deniedMask: f.get('denied_mask') ?? null,
    capname: f.get('capname') ?? null,
    family: f.get('family') ?? null,
    sockType: f.get('sock_type') ?? null,
  };
}
