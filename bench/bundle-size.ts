// What a command loads at start: the bundle's chunks it imports statically, by package, from esbuild's metafile.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Output { bytes: number; imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, { bytesInOutput: number }>; entryPoint?: string }

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2] ?? 'scan';
const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as { outputs: Record<string, Output> };
const outs = meta.outputs;
const entry = Object.keys(outs).find((k) => k.endsWith('bundle/mamori.mjs'));
const chunk = Object.keys(outs).find((k) => new RegExp(`bundle/${command}-[A-Z0-9]+\\.mjs$`).test(k));
if (!entry || !chunk) {
  process.stderr.write(`bench/bundle-size: no chunk for ${command} in dist/bundle-meta.json (npm run build first)\n`);
  process.exit(2);
}
const loaded = new Set<string>();
const visit = (k: string): void => {
  if (loaded.has(k)) return;
  loaded.add(k);
  for (const i of outs[k]!.imports) {
    // yaml is a file of its own beside the chunks (tools/bundle.mjs), imported by its relative path
    const path = outs[i.path] ? i.path : i.external ? `dist/bundle/${i.path.replace(/^\.\//, '')}` : '';
    if (i.kind === 'import-statement' && outs[path]) visit(path);
  }
};
visit(entry);
visit(chunk);
const byPart = new Map<string, number>();
let total = 0;
for (const k of loaded) {
  for (const [input, v] of Object.entries(outs[k]!.inputs)) {
    const pkg = input.includes('node_modules/') ? input.split('node_modules/')[1]!.split('/').slice(0, input.includes('node_modules/@') ? 2 : 1).join('/') : input.split('/').slice(0, 2).join('/');
    byPart.set(pkg, (byPart.get(pkg) ?? 0) + v.bytesInOutput);
    total += v.bytesInOutput;
  }
}
process.stdout.write(`mamori ${command}: ${loaded.size} chunks, ${(total / 1024).toFixed(0)} KiB of code at start\n`);
for (const [k, v] of [...byPart].sort((a, b) => b[1] - a[1])) process.stdout.write(`${(v / 1024).toFixed(1).padStart(8)} KiB  ${k}\n`);
