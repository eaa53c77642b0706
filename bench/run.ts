// npm run bench -- <name> [args…]: runs one benchmark of bench/ (scan, startup, startup-ab, bundle-size, snapshot, profiles, profile-lint, seccomp-generate, seccomp-record, webhook-load, audit-load, owner-match, node).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [name = 'scan', ...rest] = process.argv.slice(2);
const file = join(dirname(fileURLToPath(import.meta.url)), `${name}.ts`);
if (!existsSync(file)) {
  process.stderr.write(`no benchmark bench/${name}.ts\n`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
