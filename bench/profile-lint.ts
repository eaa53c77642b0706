// Benchmarks profile lint per profile: seccomp (small seed, full allow-list, many rules) and AppArmor (seed, many rules).
// Usage: node --import tsx bench/profile-lint.ts [--iterations 2000]
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseProfileText } from '../src/seccomp/profile.js';
import { lintSeccomp } from '../src/seccomp/lint.js';
import { lintAppArmorText } from '../src/apparmor/lint.js';
import { namesOf } from '../src/seccomp/syscall-table.js';

const args = process.argv.slice(2);
const i = args.indexOf('--iterations');
const iterations = i >= 0 ? Number(args[i + 1]) : 2000;
const example = (f: string) => readFileSync(new URL(`../examples/${f}`, import.meta.url), 'utf8');

const all = namesOf('x86_64').sort();
const allowList = JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 38, architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'], syscalls: [{ names: all, action: 'SCMP_ACT_ALLOW' }] }, null, 2);
const manyRules = JSON.stringify({
  defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X86_64'],
  syscalls: all.map((n, k) => ({ names: [n], action: k % 3 ? 'SCMP_ACT_ALLOW' : 'SCMP_ACT_LOG', args: k % 5 ? [] : [{ index: k % 6, value: k, op: 'SCMP_CMP_EQ' }] })),
}, null, 2);
const bigAppArmor = ['#include <tunables/global>', 'profile big flags=(attach_disconnected,mediate_deleted) {',
  ...Array.from({ length: 2000 }, (_, k) => ['  /srv/data/' + k + '/** rw,', '  capability net_bind_service,', '  network inet tcp,', '  deny /proc/sys/** w,'][k % 4]!), '}', ''].join('\n');

const cases: Array<[string, () => unknown]> = [
  ['seccomp prevent-chmod.json (seed)', () => { const lp = parseProfileText(example('prevent-chmod.json')); return () => lintSeccomp(lp, { runtime: 'containerd' }); }],
  [`seccomp allow-list, ${all.length} names in one rule`, () => { const lp = parseProfileText(allowList); return () => lintSeccomp(lp, { runtime: 'containerd' }); }],
  [`seccomp ${all.length} rules, one name each`, () => { const lp = parseProfileText(manyRules); return () => lintSeccomp(lp, { runtime: 'docker' }); }],
  ['apparmor deny-write.apparmor (seed)', () => { const t = example('deny-write.apparmor'); return () => lintAppArmorText(t); }],
  ['apparmor 2000 rules', () => () => lintAppArmorText(bigAppArmor)],
].map(([name, setup]) => [name as string, (setup as () => () => unknown)()]);

process.stdout.write(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
for (const [name, run] of cases) {
  const n = Math.max(10, Math.round(iterations / (name.includes('rules') || name.includes('allow-list') ? 20 : 1)));
  for (let k = 0; k < Math.min(50, n); k++) run();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < n; k++) run();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  const c = process.cpuUsage(cpu0);
  process.stdout.write(`${name}: ${wall.toFixed(3)} ms wall, ${((c.user + c.system) / 1000 / n).toFixed(3)} ms CPU per profile (${n} runs)\n`);
}
