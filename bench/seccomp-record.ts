// Benchmarks how fast `seccomp record` takes kernel log records (the rate a burst must not exceed before /dev/kmsg wraps): records/s, CPU time.
// Usage: node --import tsx bench/seccomp-record.ts [--records 200000]   (run `npm run build` first: it measures dist/)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import type * as RecordMod from '../src/seccomp/record.js';
import type * as Live from '../src/seccomp/record-live.js';

const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--records') + 1] ?? 200000) || 200000;
const lib = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'dist');
const { Recording } = (await import(join(lib, 'seccomp', 'record.js'))) as typeof RecordMod;
const { procAttribute } = (await import(join(lib, 'seccomp', 'record-live.js'))) as typeof Live;

// Records shaped as this kernel prints them; pids are this process and its parent, so the live cgroup lookup is real.
const pids = [process.pid, process.ppid];
const lines = Array.from({ length: n }, (_, i) => `[12245.202944] audit: type=1326 audit(1796073185.${String(i % 1000).padStart(3, '0')}:${i}): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=${pids[i % 2]} comm="busybox" exe="/bin/busybox" sig=0 arch=c000003e syscall=${i % 300} compat=0 ip=0x47d9d0 code=0x7ffc0000`);

function run(label: string, make: () => InstanceType<typeof Recording>): void {
  const r = make();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const l of lines) r.line(l, 'bench');
  r.end();
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label.padEnd(34)} ${Math.round(n / secs).toLocaleString('en')} records/s   ${((cpu.user + cpu.system) / 1e3 / n * 1000).toFixed(1)} µs CPU/record   kept ${r.tally.kept}`);
}

console.log(`${n} records, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (let i = 0; i < 2; i++) {
  run('selected by pid', () => new Recording('x86_64', { pids: new Set(pids) }));
  run('attributed by /proc/PID/cgroup', () => new Recording('x86_64', {}, procAttribute({ kind: 'cgroup', path: '/' }), null));
}
