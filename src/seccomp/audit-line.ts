// Reads kernel audit records: seccomp (type=1326/SECCOMP) and AppArmor (type=1400/AVC), in dmesg, syslog, journald, auditd and ausearch -i layouts.
import { fromAuditArch } from './syscall-table.js';

export interface SeccompRecord { arch: string; syscall: string; pid: number | null; comm: string | null; code: string | null }

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
  return { arch: fromAuditArch(arch), syscall, pid: pid && /^\d+$/.test(pid) ? Number(pid) : null, comm: f.get('comm') ?? null, code: f.get('code') ?? null };
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
