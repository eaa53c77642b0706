// Runs several `mamori fix` command lines in one process (one start-up instead of one per line): argv[2] is a JSON file of {args, cwd}[], argv[3] where the results go.
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

interface Line { args: string[]; cwd: string }
const lines = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Line[];
const results: Array<{ code: number; stdout: string; stderr: string }> = [];
const realOut = process.stdout.write.bind(process.stdout);
const realErr = process.stderr.write.bind(process.stderr);
for (const line of lines) {
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  process.chdir(line.cwd);
  let code: number;
  try { code = await main(line.args); } finally { process.stdout.write = realOut; process.stderr.write = realErr; }
  results.push({ code, stdout, stderr });
}
writeFileSync(process.argv[3]!, JSON.stringify(results));
