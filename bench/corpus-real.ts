// Benchmark of `mamori scan` over real manifests written by others (the k8s.io/kubernetes and helm module trees):
// files per second and peak memory, per profile. Run: npm run build && npm run bench -- corpus-real
import { spawnSync } from 'node:child_process';
import { readdirSync, lstatSync } from 'node:fs';
import { join, extname } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { BIN, ROOT } from '../test/cli/run.js';
import { corpusRoots } from '../test/corpus/modules.js';

const corpus = corpusRoots();
if (corpus.missing.length) {
  process.stderr.write(`corpus missing: ${corpus.missing.join(', ')} (tools/k8s/install.sh downloads it)\n`);
  process.exit(2);
}
const roots = [...corpus.required, ...corpus.optional];

/** What mamori reads there: .yaml/.yml/.json files, and their bytes (dot-folders and node_modules left out, as scan does). */
function count(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir)) {
    if (e.startsWith('.') || e === 'node_modules') continue;
    const p = join(dir, e);
    const st = lstatSync(p);
    if (st.isDirectory()) { const c = count(p); files += c.files; bytes += c.bytes; } else if (st.isFile() && ['.yaml', '.yml', '.json'].includes(extname(p).toLowerCase())) { files++; bytes += st.size; }
  }
  return { files, bytes };
}

const size = roots.map(count).reduce((a, b) => ({ files: a.files + b.files, bytes: a.bytes + b.bytes }));
process.stdout.write(`corpus: ${roots.join(' ')}\n${size.files} files, ${(size.bytes / 1e6).toFixed(1)} MB; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}\n\n`);
process.stdout.write('| profile | s | files/s | MB/s | peak RSS MB | objects | errors |\n|---|---|---|---|---|---|---|\n');
for (const profile of ['defender', 'pss-baseline', 'pss-restricted', 'pss-namespace', 'nsa']) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss-kb=%M', process.execPath, BIN, 'scan', ...roots, '-p', profile, '-f', 'json', '--fail-on', 'none'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = Number(/maxrss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const report = JSON.parse(r.stdout) as { summary: { resources: number }; errors: unknown[] };
  process.stdout.write(`| ${profile} | ${s.toFixed(2)} | ${Math.round(size.files / s)} | ${(size.bytes / 1e6 / s).toFixed(2)} | ${rss.toFixed(0)} | ${report.summary.resources} | ${report.errors.length} |\n`);
}
