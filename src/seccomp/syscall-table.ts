// Syscall names and numbers per architecture, and the spellings of architectures in profiles, audit logs and Docker filters.
import { SYSCALLS } from './data/syscalls.js';
import { distance } from './nearest.js';

export { nearestOf } from './nearest.js';

/** mamori's architecture keys; the tables exist for these. */
export type Arch = 'x86_64' | 'x86' | 'x32' | 'aarch64';
export const ARCHES: readonly Arch[] = ['x86_64', 'x86', 'x32', 'aarch64'];

export const X32_SYSCALL_BIT = 0x40000000;

/** Every SCMP_ARCH_* value libseccomp 2.5 and containers/common accept. */
export const SCMP_ARCHES = [
  'SCMP_ARCH_NATIVE', 'SCMP_ARCH_X86', 'SCMP_ARCH_X86_64', 'SCMP_ARCH_X32', 'SCMP_ARCH_ARM', 'SCMP_ARCH_AARCH64',
  'SCMP_ARCH_MIPS', 'SCMP_ARCH_MIPS64', 'SCMP_ARCH_MIPS64N32', 'SCMP_ARCH_MIPSEL', 'SCMP_ARCH_MIPSEL64',
  'SCMP_ARCH_MIPSEL64N32', 'SCMP_ARCH_PPC', 'SCMP_ARCH_PPC64', 'SCMP_ARCH_PPC64LE', 'SCMP_ARCH_S390',
  'SCMP_ARCH_S390X', 'SCMP_ARCH_PARISC', 'SCMP_ARCH_PARISC64', 'SCMP_ARCH_RISCV64', 'SCMP_ARCH_LOONGARCH64',
] as const;

const scmpToArch: Record<string, Arch> = {
  SCMP_ARCH_X86_64: 'x86_64', SCMP_ARCH_X86: 'x86', SCMP_ARCH_X32: 'x32', SCMP_ARCH_AARCH64: 'aarch64',
};
const archToScmp: Record<Arch, string> = {
  x86_64: 'SCMP_ARCH_X86_64', x86: 'SCMP_ARCH_X86', x32: 'SCMP_ARCH_X32', aarch64: 'SCMP_ARCH_AARCH64',
};
/** Go-style names used by Docker's includes/excludes `arches`. */
export const GO_ARCHES = ['amd64', 'x86', '386', 'x32', 'arm', 'arm64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64n32', 'mips64len32', 'ppc', 'ppc64', 'ppc64le', 's390', 's390x', 'parisc', 'riscv64', 'loong64', 'loongarch64'];
const goToArch: Record<string, Arch> = { amd64: 'x86_64', x86: 'x86', '386': 'x86', x32: 'x32', arm64: 'aarch64' };

/** AUDIT_ARCH_* values as printed in `arch=` of audit records. */
const auditArch: Record<string, Arch | string> = {
  c000003e: 'x86_64', '40000003': 'x86', c00000b7: 'aarch64', '40000028': 'arm', c0000015: 'ppc64le',
  '80000016': 's390x', c00000f3: 'riscv64', c0000102: 'loongarch64',
};
/** `ausearch -i` and enriched audit logs print the arch by name. */
const auditArchName: Record<string, Arch> = { x86_64: 'x86_64', i386: 'x86', i686: 'x86', aarch64: 'aarch64' };

export const fromScmpArch = (s: string): Arch | null => scmpToArch[s] ?? null;
export const toScmpArch = (a: Arch): string => archToScmp[a];
export const fromGoArch = (s: string): Arch | null => goToArch[s] ?? null;
/** Maps an audit `arch=` value (hex or resolved name) to an arch; unknown arches keep their spelling. */
export function fromAuditArch(s: string): string {
  const lower = s.toLowerCase();
  return auditArch[lower] ?? auditArchName[lower] ?? lower;
}
export const isArch = (s: string): s is Arch => (ARCHES as readonly string[]).includes(s);

const byNumber = new Map<Arch, Map<number, string>>();
for (const a of ARCHES) {
  const m = new Map<number, string>();
  for (const [name, nr] of Object.entries(SYSCALLS[a]!)) if (!m.has(nr)) m.set(nr, name);
  byNumber.set(a, m);
}
const allNames = new Set<string>(ARCHES.flatMap((a) => Object.keys(SYSCALLS[a]!)));

export function syscallNumber(arch: Arch, name: string): number | undefined {
  const t = SYSCALLS[arch]!;
  return Object.prototype.hasOwnProperty.call(t, name) ? t[name] : undefined;
}
export function syscallName(arch: Arch, nr: number): string | undefined {
  return byNumber.get(arch)!.get(nr);
}
export const existsOn = (arch: Arch, name: string): boolean => syscallNumber(arch, name) !== undefined;
/** Known on any architecture mamori has a table for. */
export const isKnownSyscall = (name: string): boolean => allNames.has(name);
export const namesOf = (arch: Arch): string[] => Object.keys(SYSCALLS[arch]!);

/** The closest known syscall name for a typo, or null when nothing is close. */
export function nearestSyscall(name: string): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const n of [...allNames].sort()) {
    const d = distance(name, n);
    if (d < bestD) { bestD = d; best = n; }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

/** The architecture this machine runs, as a table key (profiles generated here default to it). */
export function nativeArch(): Arch {
  return process.arch === 'arm64' ? 'aarch64' : 'x86_64';
}
