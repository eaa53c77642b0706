// Benchmarks `mamori seccomp generate` on 10 MB, 100 MB and 1 GB strace logs made by repeating real traces: MB/s and peak RSS.
// Usage: node --import tsx bench/seccomp-generate.ts [--sizes 10,100,1000] [--dir /tmp/mamori-bench]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import type * as ReadTraces from '../src/seccomp/read-traces.js';
import type * as Generate from '../src/seccomp/generate.js';
import type * as Write from '../src/seccomp/write.js';

const MB = 1024 * 1024;
const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1]! : def; };

if (args[0] === '--run') {
  // Child: one measured generate run, so its peak RSS is the generator's alone.
  // Child: runs the compiled JavaScript (what bin/mamori.js runs), not the tsx-transpiled sources.
  const file = args[1]!;
  const lib = args[2]!;
  const { readTraces } = (await import(join(lib, 'seccomp', 'read-traces.js'))) as typeof ReadTraces;
  const { generateProfile } = (await import(join(lib, 'seccomp', 'generate.js'))) as typeof Generate;
  const { profileToJson } = (await import(join(lib, 'seccomp', 'write.js'))) as typeof Write;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const c = await readTraces([file], 'x86_64');
  const r = generateProfile(c, { runtime: 'runc', defaultAction: 'SCMP_ACT_ERRNO' });
  const json = profileToJson(r.profile);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify({ secs, cpuSecs, lines: c.stats.lines, syscalls: r.profile.syscalls[0]!.names.length, bytes: json.length, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}

const dir = opt('--dir', '/tmp/mamori-bench');
const sizes = opt('--sizes', '10,100,1000').split(',').map(Number);
mkdirSync(dir, { recursive: true });

/** Real traces in several decorations (-f -o pid column, -tt -T -y, stderr [pid N] with -r), concatenated. */
function baseTrace(): string {
  const base = join(dir, 'base.trace');
  if (existsSync(base)) return readFileSync(base, 'latin1');
  const parts: string[] = [];
  const runs: string[][] = [
    ['-f', '-o', join(dir, 'a.trace'), 'sh', '-c', 'ls -la /usr/bin > /dev/null; cat /etc/os-release > /dev/null; date > /dev/null'],
    ['-f', '-tt', '-T', '-y', '-o', join(dir, 'b.trace'), 'sh', '-c', 'find /usr/share/doc -maxdepth 2 > /dev/null; sort /etc/passwd > /dev/null'],
    ['-f', '-n', '-o', join(dir, 'c.trace'), 'python3', '-c', 'import json,os; [json.dumps(os.listdir("/etc")) for _ in range(50)]'],
  ];
  for (const r of runs) {
    const s = spawnSync('strace', r, { encoding: 'utf8' });
    if (s.error) throw new Error('the benchmark needs strace (tools/install-kernel-tools.sh)');
    parts.push(readFileSync(r[r.indexOf('-o') + 1]!, 'latin1'));
  }
  const stderr = spawnSync('strace', ['-f', '-r', 'sh', '-c', 'ls / >/dev/null & ls /etc > /dev/null; wait'], { encoding: 'latin1' });
  parts.push(stderr.stderr);
  const text = parts.join('');
  createWriteStream(base).end(text, 'latin1');
  return text;
}

async function makeInput(sizeMb: number, base: Buffer): Promise<string> {
  const file = join(dir, `trace-${sizeMb}MB.log`);
  const want = sizeMb * MB;
  if (existsSync(file) && statSync(file).size >= want) return file;
  const out = createWriteStream(file);
  let written = 0;
  while (written < want) {
    if (!out.write(base)) await once(out, 'drain');
    written += base.length;
  }
  out.end();
  await once(out, 'finish');
  return file;
}

const base = Buffer.from(baseTrace(), 'latin1');
const lib = join(dir, 'dist');
const repo = join(fileURLToPath(import.meta.url), '..', '..');
const build = spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.build.json'), '--outDir', lib], { encoding: 'utf8' });
if (build.status !== 0) throw new Error(`tsc failed: ${build.stdout}${build.stderr}`);
const self = fileURLToPath(import.meta.url);
const rows: string[] = [];
process.stdout.write(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, node ${process.version}; base trace ${(base.length / 1024).toFixed(0)} KiB of real strace output\n`);
for (const size of sizes) {
  const file = await makeInput(size, base);
  const bytes = statSync(file).size;
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--run', file, lib], { encoding: 'utf8', maxBuffer: 16 * MB });
  if (r.status !== 0) throw new Error(r.stderr);
  const m = JSON.parse(r.stdout) as { secs: number; cpuSecs: number; lines: number; syscalls: number; maxRssKb: number };
  const row = `| ${size >= 1000 ? `${size / 1000} GB` : `${size} MB`} | ${(bytes / MB).toFixed(0)} MiB | ${m.lines.toLocaleString('en')} | ${m.secs.toFixed(2)} s | ${(bytes / MB / m.secs).toFixed(0)} MiB/s | ${m.cpuSecs.toFixed(2)} s | ${(bytes / MB / m.cpuSecs).toFixed(0)} MiB/s | ${(m.maxRssKb / 1024).toFixed(0)} MiB | ${m.syscalls} |`;
  rows.push(row);
  process.stdout.write(`${row}\n`);
}
process.stdout.write(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n| input | size | lines | wall time | wall throughput | CPU time | throughput per CPU second | peak RSS | syscalls in profile |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`);
