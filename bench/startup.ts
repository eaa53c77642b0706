// Whole-process timings of mamori at every input size, beside kube-score and KubeLinter when they are on PATH (hyperfine).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from './corpus.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'mamori.js');
const K8S_VERSION = /K8S_VERSION=(\S+)/.exec(readFileSync(join(ROOT, 'tools', 'k8s', 'versions.env'), 'utf8'))?.[1];
const MODULE = join(process.env.GOMODCACHE ?? join(homedir(), 'go', 'pkg', 'mod'), 'k8s.io', `kubernetes@${K8S_VERSION}`);

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Real manifests written by Kubernetes' own authors: every YAML file of the module that declares a kind. */
function realManifests(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e) && /^kind:/m.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(MODULE);
  return out;
}

function copyTree(files: string[], dir: string): string {
  for (const f of files) {
    const to = join(dir, relative(MODULE, f));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f, to);
  }
  return dir;
}

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 10);
if (!which('hyperfine')) {
  process.stderr.write('bench/startup: needs hyperfine (apt-get install hyperfine)\n');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'mamori-bench-startup-'));
const real = realManifests();
const dirAll = copyTree(real, join(work, `files-${real.length}`));
const dir100 = copyTree(real.slice(0, 100), join(work, 'files-100'));
const oneFileAll = join(work, 'all-docs.yaml');
writeFileSync(oneFileAll, real.map((f) => readFileSync(f, 'utf8')).join('\n---\n'));
const docs10k = join(work, 'docs-10000.yaml');
writeFileSync(docs10k, corpus(10_000));

const filesUnder = (d: string): string[] => real.map((f) => join(d, relative(MODULE, f))).filter((f) => {
  try { return statSync(f).isFile(); } catch { return false; }
});

interface Input { name: string; mamori: string[]; files: string[]; dir?: string }
const inputs: Input[] = [
  { name: 'one manifest file (examples/redis-unhealthy.yaml)', mamori: ['examples/redis-unhealthy.yaml'], files: [join(ROOT, 'examples', 'redis-unhealthy.yaml')] },
  { name: '100 real files in folders', mamori: [dir100], files: filesUnder(dir100), dir: dir100 },
  { name: `${real.length} real files in folders`, mamori: [dirAll], files: filesUnder(dirAll), dir: dirAll },
  { name: `the same documents in one file (${(statSync(oneFileAll).size / 1e6).toFixed(1)} MB)`, mamori: [oneFileAll], files: [oneFileAll] },
  { name: `10,000 workload documents in one file (${(statSync(docs10k).size / 1e6).toFixed(1)} MB)`, mamori: [docs10k], files: [docs10k] },
];

const peers = { kubeScore: which('kube-score'), kubeLinter: which('kube-linter') };
if (!peers.kubeScore) process.stderr.write('kube-score not on PATH: its column is left out (go install github.com/zegl/kube-score/cmd/kube-score@latest)\n');
if (!peers.kubeLinter) process.stderr.write('kube-linter not on PATH: its column is left out (go install golang.stackrox.io/kube-linter/cmd/kube-linter@latest)\n');

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Wall time, and CPU time (user + system), which a loaded machine inflates far less than wall time. */
function hyperfine(cmds: Record<string, string>, warmup: number, n: number): Record<string, { mean: number; median: number; cpu: number }> {
  const out = join(work, 'hf.json');
  const argv = ['--warmup', String(warmup), '--runs', String(n), '-N', '-i', '--export-json', out, '--style', 'none'];
  for (const [name, c] of Object.entries(cmds)) argv.push('-n', name, c);
  const r = spawnSync('hyperfine', argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
  const res = JSON.parse(readFileSync(out, 'utf8')) as { results: { command: string; mean: number; median: number; user: number; system: number }[] };
  return Object.fromEntries(res.results.map((x) => [x.command, { mean: x.mean, median: x.median, cpu: x.user + x.system }]));
}

function peakMiB(cmd: string): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'sh', '-c', `${cmd} >/dev/null 2>&1`], { cwd: ROOT, encoding: 'utf8' });
  return Number(r.stderr.trim().split('\n').pop()) / 1024;
}

const node = process.execPath;
const rows: string[] = [];
const base = hyperfine({ 'node -e 0': `${node} -e 0`, 'mamori --help': `${node} ${BIN} --help` }, 3, runs * 2);
rows.push(`| \`node -e 0\` (the floor) | ${base['node -e 0']!.median.toFixed(3)} s (CPU ${base['node -e 0']!.cpu.toFixed(3)} s) | — | — |`);
rows.push(`| \`mamori --help\` | ${base['mamori --help']!.median.toFixed(3)} s (CPU ${base['mamori --help']!.cpu.toFixed(3)} s) | — | — |`);
for (const input of inputs) {
  const big = input.files.length > 1000 || input.name.startsWith('10,000');
  const cmds: Record<string, string> = { mamori: `${node} ${BIN} scan ${input.mamori.map(q).join(' ')} --format json -o /dev/null` };
  if (peers.kubeScore) cmds['kube-score'] = `kube-score score ${input.files.map(q).join(' ')}`;
  if (peers.kubeLinter) cmds['kube-linter'] = `kube-linter lint ${(input.dir ? [input.dir] : input.files).map(q).join(' ')}`;
  const t = hyperfine(cmds, big ? 1 : 3, big ? Math.max(3, Math.round(runs / 3)) : runs);
  const cell = (k: string): string => {
    if (!t[k]) return 'not on PATH';
    const ratio = k === 'mamori' ? '' : ` (mamori ${(t.mamori!.median / t[k]!.median).toFixed(2)}×)`;
    return `${t[k]!.median.toFixed(3)} s (CPU ${t[k]!.cpu.toFixed(3)} s), ${peakMiB(cmds[k]!).toFixed(0)} MiB${ratio}`;
  };
  rows.push(`| ${input.name} | ${cell('mamori')} | ${cell('kube-score')} | ${cell('kube-linter')} |`);
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
process.stdout.write(`node ${process.version}, load average before the last input ${load}; median wall time of hyperfine runs (CPU: mean user + system), peak RSS from GNU time\n\n`);
process.stdout.write('| input | mamori | kube-score | KubeLinter |\n| --- | --- | --- | --- |\n');
process.stdout.write(`${rows.join('\n')}\n`);
