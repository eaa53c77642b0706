// Benchmark of `mamori scan`: documents per second and peak memory against N generated workloads,
// compared with parsing the same documents with js-yaml alone. Run: npm run bench -- scan [N…]
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import { corpus } from './corpus.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'mamori.js');

interface Run { seconds: number; maxRssMb: number }

/** Wall time and peak resident memory of a child process, measured by GNU time (Debian package "time"). */
function timed(args: string[]): Run {
  const t0 = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', 'maxrss-kb=%M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /maxrss-kb=(\d+)/.exec(child.stderr ?? '');
  if (child.status !== 0 && child.status !== 1) throw new Error(`scan failed (${child.status}): ${child.stderr}`);
  return { seconds, maxRssMb: m ? Number(m[1]) / 1024 : NaN };
}

function jsYamlSeconds(text: string): number {
  const t0 = process.hrtime.bigint();
  jsyaml.loadAll(text);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function best<T extends { seconds: number }>(n: number, f: () => T): T {
  let b: T | undefined;
  for (let i = 0; i < n; i++) { const r = f(); if (!b || r.seconds < b.seconds) b = r; }
  return b!;
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const Ns = sizes.length ? sizes : [1000, 10000, 50000];
const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-'));
const rows: string[] = [];
try {
  for (const n of Ns) {
    const file = join(dir, `workloads-${n}.yaml`);
    const text = corpus(n);
    writeFileSync(file, text);
    const mb = Buffer.byteLength(text) / 1e6;
    const parse = best(3, () => ({ seconds: jsYamlSeconds(readFileSync(file, 'utf8')) }));
    const one = best(2, () => timed([BIN, 'scan', file, '-f', 'json', '-o', join(dir, 'out.json'), '--jobs', '1']));
    const two = best(2, () => timed([BIN, 'scan', file, '-f', 'json', '-o', join(dir, 'out.json'), '--jobs', '2']));
    rows.push(`| ${n} docs in one file | ${mb.toFixed(1)} | ${parse.seconds.toFixed(2)} | ${one.seconds.toFixed(2)} (${(one.seconds / parse.seconds).toFixed(2)}×) | ${two.seconds.toFixed(2)} (${(two.seconds / parse.seconds).toFixed(2)}×) | ${Math.round(n / two.seconds)} | ${Math.round(one.maxRssMb)} / ${Math.round(two.maxRssMb)} |`);
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  }
  // many files: memory should follow the largest file, not the number of files
  const many = join(dir, 'many');
  mkdirSync(many);
  const files = 500;
  const per = 100;
  for (let i = 0; i < files; i++) writeFileSync(join(many, `f${i}.yaml`), corpus(per, i * per));
  const m = best(1, () => timed([BIN, 'scan', many, '-f', 'json', '-o', join(dir, 'out.json')]));
  rows.push(`| ${files * per} docs in ${files} files | — | — | — | ${m.seconds.toFixed(2)} | ${Math.round((files * per) / m.seconds)} | — / ${Math.round(m.maxRssMb)} |`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}\n\n`);
process.stdout.write('| input | MB | js-yaml loadAll s | scan --jobs 1 s | scan --jobs 2 s | docs/s (2 jobs) | peak RSS MB (1 / 2 jobs) |\n|---|---|---|---|---|---|---|\n');
process.stdout.write(`${rows.join('\n')}\n`);
