// Writes AppArmor profiles for containers: from a short description (read-only root, write paths, network, capabilities) or from audit records.
import { CAPABILITIES, NET_FAMILIES, NET_TYPES } from '../k8s/linux-names.js';
import type { AppArmorRecord } from '../seccomp/audit-line.js';

export interface Description {
  name: string;
  readOnlyRoot: boolean;
  writePaths: string[];
  /** 'none', 'all', or rules like "inet tcp" */
  network: string[];
  capabilities: string[];
}

export class DescriptionError extends Error {}

/** docker-default's protection of kernel interfaces, kept in every generated profile. */
const KERNEL_DENIES = [
  'deny @{PROC}/* w,   # files directly in /proc',
  'deny @{PROC}/{[^1-9],[^1-9][^0-9],[^1-9s][^0-9y][^0-9s],[^1-9][^0-9][^0-9][^0-9/]*}/** w,',
  'deny @{PROC}/sys/[^k]** w,',
  'deny @{PROC}/sys/kernel/{?,??,[^s][^h][^m]**} w,',
  'deny @{PROC}/sysrq-trigger rwklx,',
  'deny @{PROC}/kcore rwklx,',
  'deny /sys/[^f]*/** wklx,',
  'deny /sys/f[^s]*/** wklx,',
  'deny /sys/fs/[^c]*/** wklx,',
  'deny /sys/fs/c[^g]*/** wklx,',
  'deny /sys/fs/cg[^r]*/** wklx,',
  'deny /sys/firmware/** rwklx,',
  'deny /sys/kernel/security/** rwklx,',
  'deny mount,',
];

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Characters with no meaning to AppArmor's lexer or globbing: a path made only of these is written bare. */
const PLAIN_PATH = /^[A-Za-z0-9._/+-]+$/;
/** Globbing characters: a backslash before each makes it match itself. */
const GLOB_SPECIAL = /[*?[\]{}]/g;
// The quote, the backslash and control characters go through the quoted string's octal escapes, so the
// lexer never sees `\\"` (which it reads as an escaped quote); a backslash is \134\134, one escaped for globbing.
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const OCTAL = /[\x01-\x1f\x7f"\\]/g;
const octal = (c: string): string => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;

/**
 * A literal path as an AppArmor path token, optionally followed by a glob written by mamori (`/**`).
 * Paths come from audit records and the command line: a `\\`, `*`, `{…}` or `@{var}` in them must
 * match itself, never widen the rule. Plain paths stay bare so profiles read as people write them.
 */
export function apparmorPath(literal: string, glob = ''): string {
  if (literal.includes('\0')) throw new DescriptionError(`path ${JSON.stringify(literal)} contains a NUL byte, which no file name can`);
  if (PLAIN_PATH.test(literal)) return `${literal}${glob}`;
  const body = literal.replace(OCTAL, (c) => (c === '\\' ? octal(c).repeat(2) : octal(c))).replace(GLOB_SPECIAL, '\\$&');
  return `"${body}${glob}"`;
}

function header(name: string): string[] {
  return [
    '#include <tunables/global>',
    '',
    `profile ${name} flags=(attach_disconnected,mediate_deleted) {`,
    '  #include <abstractions/base>',
    '',
  ];
}

function signalRules(name: string): string[] {
  return [
    '  # let the runtime stop the container and its processes signal each other',
    '  signal (receive) peer=unconfined,',
    `  signal (send,receive) peer=${name},`,
    `  ptrace (trace,read,tracedby,readby) peer=${name},`,
  ];
}

export function generateFromDescription(d: Description): string {
  if (!NAME.test(d.name)) throw new DescriptionError(`profile name "${d.name}": use letters, digits, . _ - (it is what localhostProfile names)`);
  const lines = header(d.name);
  for (const c of d.capabilities) {
    const cap = c.toLowerCase().replace(/^cap_/, '');
    if (!CAPABILITIES.includes(cap)) throw new DescriptionError(`capability "${c}" is not a Linux capability`);
    lines.push(`  capability ${cap},`);
  }
  if (d.capabilities.length) lines.push('');
  const net = d.network.length ? d.network : ['none'];
  if (net.includes('all')) lines.push('  network,');
  else if (!net.includes('none')) {
    for (const n of net) {
      const parts = n.trim().split(/\s+/);
      if (parts.length > 2 || (parts[0] && !NET_FAMILIES.includes(parts[0]) && !NET_TYPES.includes(parts[0])) || (parts[1] && !NET_TYPES.includes(parts[1]))) {
        throw new DescriptionError(`network "${n}": expected all, none, or "FAMILY [TYPE]" such as "inet tcp"`);
      }
      lines.push(`  network ${parts.join(' ')},`);
    }
  } else lines.push('  # no network rules: sockets other than unix are refused');
  lines.push('');
  if (d.readOnlyRoot) {
    // deny beats allow in AppArmor, so a read-only root is an allow of reads plus explicit writable paths.
    lines.push('  # read-only root: read, map and run anything, write only below the listed paths');
    lines.push('  /** rmix,');
    for (const p of d.writePaths) {
      if (!p.startsWith('/')) throw new DescriptionError(`write path "${p}" must be absolute`);
      const dir = p.replace(/(?<!\/)\/+$/, '');
      lines.push(`  ${apparmorPath(`${dir}/`)} rw,`, `  ${apparmorPath(`${dir}/`, '**')} rwkl,`);
    }
  } else {
    lines.push('  file,');
    for (const p of d.writePaths) if (!p.startsWith('/')) throw new DescriptionError(`write path "${p}" must be absolute`);
  }
  lines.push('', '  # kernel interfaces stay read-only (as in docker-default)');
  lines.push(...KERNEL_DENIES.map((l) => `  ${l}`), '', ...signalRules(d.name), '}', '');
  return lines.join('\n');
}

const MASK_TO_PERM: Record<string, string> = { r: 'r', w: 'w', a: 'w', c: 'w', d: 'w', l: 'l', k: 'k', m: 'm', x: 'ix' };

/** A profile allowing what the audit records show was needed (complain-mode ALLOWED or enforce-mode DENIED). */
export function generateFromAudit(records: AppArmorRecord[], name: string): { text: string; profiles: string[] } {
  if (!NAME.test(name)) throw new DescriptionError(`profile name "${name}": use letters, digits, . _ -`);
  const files = new Map<string, Set<string>>();
  const caps = new Set<string>();
  const nets = new Set<string>();
  const profiles = new Set<string>();
  for (const r of records) {
    profiles.add(r.profile);
    if (r.operation === 'capable' && r.capname) { if (CAPABILITIES.includes(r.capname)) caps.add(r.capname); continue; }
    if (r.family && (r.operation === 'create' || r.operation === 'connect' || r.operation === 'bind' || r.operation.startsWith('send') || r.operation.startsWith('recv') || r.operation === 'listen' || r.operation === 'accept')) {
      if (NET_FAMILIES.includes(r.family)) nets.add(r.sockType && NET_TYPES.includes(r.sockType) ? `${r.family} ${r.sockType}` : r.family);
      continue;
    }
    if (r.name && r.name.startsWith('/')) {
      const mask = r.requestedMask ?? r.deniedMask ?? '';
      const perms = files.get(r.name) ?? new Set<string>();
      for (const ch of mask) { const p = MASK_TO_PERM[ch]; if (p) perms.add(p); }
      if (r.operation === 'exec') perms.add('ix');
      if (perms.size) files.set(r.name, perms);
    }
  }
  const lines = header(name);
  for (const c of [...caps].sort()) lines.push(`  capability ${c},`);
  for (const n of [...nets].sort()) lines.push(`  network ${n},`);
  if (caps.size || nets.size) lines.push('');
  const order = 'rwlkm';
  for (const [path, perms] of [...files].sort((a, b) => a[0].localeCompare(b[0]))) {
    const p = [...perms].filter((x) => x !== 'ix').sort((a, b) => order.indexOf(a) - order.indexOf(b)).join('') + (perms.has('ix') ? 'ix' : '');
    lines.push(`  ${apparmorPath(path)} ${p},`);
  }
  lines.push('', ...KERNEL_DENIES.map((l) => `  ${l}`), '', ...signalRules(name), '}', '');
  return { text: lines.join('\n'), profiles: [...profiles].sort() };
}
