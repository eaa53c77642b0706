// Does a V8 start-up snapshot (node --build-snapshot) pay for a one-file scan? Builds one from the scan path and times it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'mamori-bench-snapshot-'));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const entry = join(work, 'entry.ts');
// A snapshot is built from one script: everything the scan command imports is evaluated at build time, and the
// deserialised process starts at main(). Node 20 runs it only when started with --snapshot-blob (or as a
// single-executable application with "useSnapshot"), so this measures what it would save, not a shipped path.
writeFileSync(entry, [
  "import { startupSnapshot } from 'node:v8';",
  `import { main } from '${join(ROOT, 'src/cli/main.ts')}';`,
  `import * as scan from '${join(ROOT, 'src/cli/commands/scan.ts')}';`,
  'void scan;',
  'startupSnapshot.setDeserializeMainFunction(() => { void main(process.argv.slice(1)).then((code) => { process.exitCode = code; }); });',
].join('\n'));
await build({
  entryPoints: [entry], outfile: join(work, 'entry.cjs'), bundle: true, format: 'cjs', platform: 'node', target: 'node20',
  external: ['@kubernetes/client-node'], minifyWhitespace: true, minifySyntax: true, logLevel: 'error',
  plugins: [{ name: 'version', setup(b) { b.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, () => ({ contents: `export const VERSION = ${JSON.stringify(version)};`, loader: 'ts' })); } }],
});
const blob = join(work, 'snap.blob');
const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', join(work, 'entry.cjs')], { cwd: work, encoding: 'utf8' });
if (made.status !== 0) throw new Error(`building the snapshot failed: ${made.stderr}`);

const file = process.argv[2] ?? 'examples/redis-unhealthy.yaml';
const args = ['scan', file, '--format', 'json'];
const strip = (s: string): string => s.replace(/"generatedAt": "[^"]*"/, '');
const viaBundle = spawnSync(process.execPath, [join(ROOT, 'bin', 'mamori.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
const viaSnapshot = spawnSync(process.execPath, ['--snapshot-blob', blob, ...args], { cwd: ROOT, encoding: 'utf8' });
if (strip(viaBundle.stdout) !== strip(viaSnapshot.stdout)) throw new Error('the snapshot reports differently from the bundle');
process.stdout.write(`snapshot: ${(readFileSync(blob).length / 1048576).toFixed(1)} MiB, same report as the bundle; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
const q = `${file} --format json -o /dev/null`;
const hf = spawnSync('hyperfine', ['-N', '-i', '--warmup', '3', '--runs', process.argv[3] ?? '20', '--style', 'basic',
  `${process.execPath} -e 0`, `${process.execPath} ${join(ROOT, 'bin', 'mamori.js')} scan ${q}`, `${process.execPath} --snapshot-blob ${blob} scan ${q}`], { cwd: ROOT, stdio: 'inherit' });
process.exit(hf.status ?? 1);
