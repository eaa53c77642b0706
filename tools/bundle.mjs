// Bundles the mamori CLI with esbuild: one entry, one chunk per command, so a run loads only what its command uses.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The bundle carries its version as a constant instead of reading package.json at every start. */
const versionConstant = {
  name: 'mamori-version',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]version\.ts$/ }, () => ({
      contents: `export const VERSION = ${JSON.stringify(version)};`,
      loader: 'ts',
    }));
  },
};

/**
 * zod's namespace re-exports every message locale (about 300 KB) that mamori never selects; the bundle keeps
 * English, the one zod configures itself with, so each start parses less.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
    }));
  },
};

/**
 * `yaml` in a file of its own (dist/bundle/yaml.cjs), required on first use by src/core/yaml-lib.ts and by the
 * commands that always need it: a scan's chunks no longer carry its 158 KiB, which V8 would parse at every start.
 * Always `require`d, never imported: Node 20 imports a CommonJS file of that size several times slower.
 */
const YAML_FILE = './yaml.cjs';
const yamlApart = {
  name: 'yaml-apart',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'yaml-apart' }));
    b.onLoad({ filter: /^yaml$/, namespace: 'yaml-apart' }, () => ({ contents: `module.exports = require(${JSON.stringify(YAML_FILE)});`, loader: 'js' }));
    b.onResolve({ filter: /^\.\/yaml\.cjs$/ }, () => ({ path: YAML_FILE, external: true }));
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]yaml-lib\.ts$/ }, () => ({
      contents: `let lib; export function yamlLib() { return (lib ??= require(${JSON.stringify(YAML_FILE)})); }`,
      loader: 'js',
    }));
  },
};

/**
 * zod in a file of its own (dist/bundle/zod.cjs), required the first time a schema is built: `import { z } from 'zod'`
 * becomes a stand-in whose properties read the real namespace. mamori builds its schemas on first use (parameters
 * given in mamori.yaml, the config file, other commands), so a scan without a mamori.yaml never parses zod's 280 KiB.
 */
const ZOD_FILE = './zod.cjs';
const zodApart = {
  name: 'zod-apart',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'zod-apart' }));
    b.onLoad({ filter: /^zod$/, namespace: 'zod-apart' }, () => ({
      contents: `let lib; const zod = () => (lib ??= require(${JSON.stringify(ZOD_FILE)}).z);
export const z = new Proxy({}, { get: (_, k) => zod()[k], has: (_, k) => k in zod() });`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/zod\.cjs$/ }, () => ({ path: ZOD_FILE, external: true }));
  },
};

/**
 * commander requires node:child_process (and with it node:net) for subcommands run as separate executables, which
 * mamori never uses: the module is required when a spawn is asked for, not at every start.
 */
const commanderLazySpawn = {
  name: 'commander-lazy-spawn',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!src.includes(eager)) throw new Error('commander-lazy-spawn: commander changed; update tools/bundle.mjs');
      return { contents: src.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

const result = await build({
  absWorkingDir: root,
  // The scan worker is an entry of its own: worker threads start from a file.
  entryPoints: { mamori: 'src/cli/run.ts', worker: 'src/scan/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  // Chunks beside the entries, so `./worker.mjs` resolves the same from any of them.
  chunkNames: '[name]-[hash]',
  plugins: [versionConstant, zodApart, yamlApart, commanderLazySpawn],
  // Whitespace and syntax only: stack traces keep mamori's own names.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // The Kubernetes client is loaded lazily by the commands that talk to a cluster, from node_modules.
  external: ['@kubernetes/client-node'],
  // CommonJS dependencies (commander) require Node's built-ins; ESM output needs a real `require` for that.
  banner: { js: "import { createRequire as __mamoriRequire } from 'node:module'; const require = __mamoriRequire(import.meta.url);" },
  logLevel: 'warning',
  // What each chunk holds (`bench/bundle-size.ts` reads it): kept beside the bundle, never loaded by it.
  metafile: true,
});
// The chunks load it from beside themselves, as CommonJS (Node's ESM loader sees the export names esbuild annotates).
const yamlResult = await build({
  absWorkingDir: root,
  entryPoints: { yaml: 'yaml' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});
// zod's namespace, as CommonJS, for the stand-in above (English only, like the rest of mamori's messages).
const zodResult = await build({
  absWorkingDir: root,
  stdin: { contents: "export { z } from 'zod';", resolveDir: root, sourcefile: 'zod-namespace.js', loader: 'js' },
  outfile: join(outdir, 'zod.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  plugins: [zodEnglishOnly],
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});
const meta = result.metafile;
for (const part of [yamlResult, zodResult]) {
  Object.assign(meta.inputs, part.metafile.inputs);
  Object.assign(meta.outputs, part.metafile.outputs);
}
writeFileSync(join(root, 'dist', 'bundle-meta.json'), JSON.stringify(meta));
