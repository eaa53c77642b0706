// Generates src/seccomp/data/syscalls.ts (name <-> number per arch) from the kernel UAPI headers on this machine.
// Usage: node --import tsx tools/gen-syscalls.ts   (needs gcc and linux-libc-dev; cross-checks with scmp_sys_resolver when present)
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'seccomp', 'data', 'syscalls.ts');

/** Runs the preprocessor and returns every `__NR_*` macro resolved to a number. */
function macros(source: string): Map<string, number> {
  const text = execFileSync('gcc', ['-E', '-dM', '-x', 'c', '-'], { input: source, encoding: 'utf8' });
  const defs = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^#define (\w+)\s+(\S.*)$/.exec(line);
    if (m) defs.set(m[1]!, m[2]!.trim());
  }
  const resolve = (expr: string, depth = 0): number | null => {
    if (depth > 20) return null;
    // Expressions here are a number, a macro, or `(MACRO + N)` (x32 bit, arch_specific_syscall offsets).
    const e = expr.replace(/^\((.*)\)$/, '$1').trim();
    if (/^(0x[0-9a-fA-F]+|\d+)[UL]*$/.test(e)) return Number(e.replace(/(?<![UL])[UL]+$/, ''));
    const plus = e.indexOf('+', 1);
    if (plus !== -1) {
      const a = resolve(e.slice(0, plus).trim(), depth + 1);
      const b = resolve(e.slice(plus + 1).trim(), depth + 1);
      return a === null || b === null ? null : a + b;
    }
    const d = defs.get(e);
    return d === undefined ? null : resolve(d, depth + 1);
  };
  const result = new Map<string, number>();
  for (const [k, v] of defs) {
    if (!k.startsWith('__NR_') || k === '__NR_syscalls' || k.startsWith('__NR3264')) continue;
    const n = resolve(v);
    if (n !== null) result.set(k.slice(5), n);
  }
  return result;
}

const arm64Wants = ['RENAMEAT', 'NEW_STAT', 'SET_GET_RLIMIT', 'TIME32_SYSCALLS', 'SYS_CLONE3', 'MEMFD_SECRET']
  .map((w) => `#define __ARCH_WANT_${w}\n`).join('');

const tables: Record<string, Map<string, number>> = {
  x86_64: macros('#include <asm/unistd_64.h>\n'),
  x86: macros('#include <asm/unistd_32.h>\n'),
  x32: macros('#include <asm/unistd.h>\n#include <asm/unistd_x32.h>\n'),
  aarch64: macros(`${arm64Wants}#include <asm-generic/unistd.h>\n`),
};
// The generic header's 32-bit-only aliases are not aarch64 syscalls.
for (const n of ['arch_specific_syscall', 'sync_file_range2']) tables.aarch64!.delete(n);

/*
 * Syscalls newer than the installed headers (linux-libc-dev 6.1). Since Linux 5.1 (nr 424) every
 * architecture uses the same number for a new syscall, so one list serves x86_64, x86 and aarch64
 * (x32 adds its 0x40000000 bit). Each was checked to exist (not ENOSYS) on the 6.18 kernel of the
 * machine that generated this table, except map_shadow_stack, which needs CONFIG_X86_USER_SHADOW_STACK.
 */
const newer: Array<[number, string, string[]]> = [
  [451, 'cachestat', ['x86_64', 'x86', 'x32', 'aarch64']],
  [452, 'fchmodat2', ['x86_64', 'x86', 'x32', 'aarch64']],
  [453, 'map_shadow_stack', ['x86_64', 'x32', 'aarch64']],
  [454, 'futex_wake', ['x86_64', 'x86', 'x32', 'aarch64']],
  [455, 'futex_wait', ['x86_64', 'x86', 'x32', 'aarch64']],
  [456, 'futex_requeue', ['x86_64', 'x86', 'x32', 'aarch64']],
  [457, 'statmount', ['x86_64', 'x86', 'x32', 'aarch64']],
  [458, 'listmount', ['x86_64', 'x86', 'x32', 'aarch64']],
  [459, 'lsm_get_self_attr', ['x86_64', 'x86', 'x32', 'aarch64']],
  [460, 'lsm_set_self_attr', ['x86_64', 'x86', 'x32', 'aarch64']],
  [461, 'lsm_list_modules', ['x86_64', 'x86', 'x32', 'aarch64']],
  [462, 'mseal', ['x86_64', 'x86', 'x32', 'aarch64']],
  [463, 'setxattrat', ['x86_64', 'x86', 'x32', 'aarch64']],
  [464, 'getxattrat', ['x86_64', 'x86', 'x32', 'aarch64']],
  [465, 'listxattrat', ['x86_64', 'x86', 'x32', 'aarch64']],
  [466, 'removexattrat', ['x86_64', 'x86', 'x32', 'aarch64']],
  [467, 'open_tree_attr', ['x86_64', 'x86', 'x32', 'aarch64']],
  [468, 'file_getattr', ['x86_64', 'x86', 'x32', 'aarch64']],
  [469, 'file_setattr', ['x86_64', 'x86', 'x32', 'aarch64']],
];
const X32_BIT = 0x40000000;
for (const [nr, name, arches] of newer) {
  for (const arch of arches) {
    const t = tables[arch]!;
    if (!t.has(name)) t.set(name, arch === 'x32' ? nr + X32_BIT : nr);
  }
}

// Cross-check against libseccomp where it is installed: a disagreement means a header was misread.
const resolver = spawnSync('scmp_sys_resolver', ['-h'], { encoding: 'utf8' });
if (!resolver.error) {
  let bad = 0;
  for (const [arch, t] of Object.entries(tables)) {
    for (const [name, nr] of t) {
      if (nr >= 451 && !(arch === 'x32' && nr < X32_BIT + 451)) continue; // newer than libseccomp 2.5.4
      const r = spawnSync('scmp_sys_resolver', ['-a', arch, name], { encoding: 'utf8' }).stdout.trim();
      // libseccomp gives i386's socket and IPC calls negative pseudo numbers (multiplexed through
      // socketcall/ipc); the direct numbers in the headers are right for kernels since 4.3.
      if (r !== String(nr) && !r.startsWith('-')) {
        bad++;
        process.stderr.write(`mismatch ${arch} ${name}: headers ${nr}, libseccomp ${r}\n`);
      }
    }
  }
  process.stderr.write(`scmp_sys_resolver cross-check: ${bad} mismatches\n`);
}

const libcDev = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'linux-libc-dev'], { encoding: 'utf8' }).trim();
let body = `// Generated by tools/gen-syscalls.ts from linux-libc-dev ${libcDev} UAPI headers plus syscalls up to nr 469; do not edit.\n`;
body += `export const SYSCALL_TABLE_SOURCE = ${JSON.stringify(`linux-libc-dev ${libcDev} headers + newer syscalls through nr 469 (Linux 6.17)`)};\n`;
body += 'export const SYSCALLS: Record<string, Record<string, number>> = {\n';
for (const [arch, t] of Object.entries(tables)) {
  const entries = [...t].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  body += `  ${arch}: {\n${entries.map(([n, v]) => `    ${n}: ${v},`).join('\n')}\n  },\n`;
}
body += '};\n';
writeFileSync(out, body);
process.stderr.write(`wrote ${out}: ${Object.entries(tables).map(([a, t]) => `${a} ${t.size}`).join(', ')}\n`);
