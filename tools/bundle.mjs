// Bundles the mamori CLI with esbuild: one entry, one chunk per command, so a run loads only what its command uses.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
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

await build({
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
  plugins: [versionConstant, zodEnglishOnly],
  // Whitespace and syntax only: stack traces keep mamori's own names.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // The Kubernetes client is loaded lazily by the commands that talk to a cluster, from node_modules.
  external: ['@kubernetes/client-node'],
  // CommonJS dependencies (commander) require Node's built-ins; ESM output needs a real `require` for that.
  banner: { js: "import { createRequire as __mamoriRequire } from 'node:module'; const require = __mamoriRequire(import.meta.url);" },
  logLevel: 'warning',
});
