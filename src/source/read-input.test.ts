// readInput: a file is read whole in one buffer sized by stat, a pipe by growing it, and the byte limit holds at its edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInput } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-read-'));
const textOf = (n: number): string => Array.from({ length: n }, (_, i) => (i % 61 === 60 ? '\n' : String.fromCharCode(97 + (i % 26)))).join('');

test('files around the sizes where the buffer is sized or grown are read exactly', async () => {
  for (const n of [0, 1, 4095, 4096, 4097, 65_536, 1_048_577, 3_000_001]) {
    const f = join(dir, `f-${n}.yaml`);
    writeFileSync(f, textOf(n));
    const r = await readInput(f);
    assert.ok('text' in r, `${n} bytes: ${JSON.stringify(r)}`);
    assert.equal(r.text, textOf(n), `${n} bytes`);
  }
});

test('the byte limit: exactly the limit is read, one byte more is an error naming the limit', async () => {
  const f = join(dir, 'limit.yaml');
  writeFileSync(f, textOf(10_000));
  const ok = await readInput(f, 10_000);
  assert.ok('text' in ok && ok.text.length === 10_000);
  const over = await readInput(f, 9_999);
  assert.ok('message' in over && over.message.includes('limit of 9999 bytes'), JSON.stringify(over));
});

test('a named pipe larger than the first buffer is read whole, and the limit holds while it streams', async () => {
  const body = textOf(300_000);
  const src = join(dir, 'pipe-source.yaml');
  writeFileSync(src, body);
  for (const [limit, whole] of [[1_000_000, true], [200_000, false]] as const) {
    const fifo = join(dir, `pipe-${limit}`);
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    // the writer needs no event loop of ours: the read is synchronous
    const writer = spawn('sh', ['-c', `cat '${src}' > '${fifo}'`], { stdio: 'ignore' });
    const r = await readInput(fifo, limit);
    writer.kill();
    if (whole) assert.ok('text' in r && r.text === body, 'pipe read whole');
    else assert.ok('message' in r && r.message.includes('limit of 200000 bytes'), JSON.stringify(r));
  }
});
