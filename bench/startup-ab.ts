// Start-up of two builds side by side, runs alternating, in CPU time and (with --instructions) instructions executed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const base = opt('base');
const runs = Number(opt('runs') ?? 10);
const input = opt('input') ?? 'examples/redis-unhealthy.yaml';
if (!base || !existsSync(join(base, 'bin', 'mamori.js'))) {
  process.stderr.write('usage: npm run bench -- startup-ab --base=DIR [--runs=N] [--input=PATH] [--instructions]\n'
    + '  DIR: another build of mamori, e.g. git archive REV | tar -x -C DIR, node_modules linked, npm run build\n');
  process.exit(2);
}

/** One process: CPU time (user + system) and peak RSS, from GNU time. */
function timed(argv: string[]): { cpu: number; rssMiB: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...argv], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const [user, sys, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { cpu: user! + sys!, rssMiB: kb! / 1024 };
}

/** Instructions executed by the whole process (all threads), from valgrind's cachegrind without cache simulation. */
function instructions(argv: string[]): number {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, ...argv], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr)?.[1];
  if (!refs) throw new Error(`cachegrind gave no count: ${r.stderr.slice(-300)}`);
  return Number(refs.replaceAll(',', ''));
}

const cases: Record<string, (bin: string) => string[]> = {
  [`scan ${input}`]: (bin) => [bin, 'scan', input, '--format', 'json', '-o', '/dev/null'],
  '--help': (bin) => [bin, '--help'],
};
const builds = { before: join(base, 'bin', 'mamori.js'), after: join(ROOT, 'bin', 'mamori.js') };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const floor: number[] = [];
for (let i = 0; i < runs; i++) floor.push(timed(['-e', '0']).cpu);
const rows = [`| \`node -e 0\` | ${median(floor).toFixed(3)} s | — | — |`];
for (const [name, argv] of Object.entries(cases)) {
  const cpu = { before: [] as number[], after: [] as number[] };
  const rss = { before: [] as number[], after: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const k of (i % 2 ? ['after', 'before'] : ['before', 'after']) as (keyof typeof builds)[]) {
      const t = timed(argv(builds[k]));
      cpu[k].push(t.cpu);
      rss[k].push(t.rssMiB);
    }
  }
  rows.push(`| \`${name}\` | ${median(cpu.before).toFixed(3)} s (min ${Math.min(...cpu.before).toFixed(3)}), ${median(rss.before).toFixed(0)} MiB`
    + ` | ${median(cpu.after).toFixed(3)} s (min ${Math.min(...cpu.after).toFixed(3)}), ${median(rss.after).toFixed(0)} MiB |`
    + ` ${(100 * (median(cpu.after) / median(cpu.before) - 1)).toFixed(0)} % |`);
}
const load = () => (process.platform === 'linux' ? spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ') : '?');
process.stdout.write(`node ${process.version}; ${runs} runs of each, before and after alternating; load average after: ${load()}\n\n`);
process.stdout.write('| command | CPU before (median), peak RSS | CPU after (median), peak RSS | change |\n| --- | --- | --- | --- |\n');
process.stdout.write(`${rows.join('\n')}\n`);

if (args.includes('--instructions')) {
  const node = instructions(['-e', '0']);
  const out = [`| \`node -e 0\` | ${(node / 1e6).toFixed(0)} M | — |`];
  for (const [name, argv] of Object.entries(cases)) {
    const b = instructions(argv(builds.before));
    const a = instructions(argv(builds.after));
    out.push(`| \`${name}\` | ${(b / 1e6).toFixed(0)} M (${((b - node) / 1e6).toFixed(0)} M above node) | ${(a / 1e6).toFixed(0)} M (${((a - node) / 1e6).toFixed(0)} M above node) | ${(100 * ((a - node) / (b - node) - 1)).toFixed(0)} % above node |`);
  }
  process.stdout.write('\n| command | instructions before | instructions after | change |\n| --- | --- | --- | --- |\n');
  process.stdout.write(`${out.join('\n')}\n`);
}
