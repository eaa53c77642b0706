// Real manifests written by others (the k8s.io/kubernetes and helm module trees): every profile and format, no crash, every error placed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { BIN, ROOT, ensureBuilt } from '../cli/run.js';
import { FORMATS } from '../../src/formatters/index.js';
import type { Report } from '../../src/core/report.js';
import { corpusRoots } from './modules.js';

const PROFILES = ['defender', 'pss-baseline', 'pss-restricted', 'pss-namespace', 'nsa'] as const;
/** A hang, not a slow machine: one run over the corpus takes seconds on 2 idle cores. */
const BOUND_MS = 10 * 60 * 1000;
const STACK = /\n {4}at |internal error|node:internal/;

test('corpus: every profile and every format over the real-world module trees (one process per profile)', (t) => {
  const corpus = corpusRoots();
  if (corpus.missing.length) {
    if (process.env.CI === 'true') assert.fail(`corpus missing under CI: ${corpus.missing.join(', ')} (tools/k8s/install.sh downloads it)`);
    t.skip(`skipped: needs ${corpus.missing.join(', ')} (tools/k8s/install.sh downloads it)`);
    return;
  }
  ensureBuilt();
  const roots = [...corpus.required, ...corpus.optional];
  // Pair each profile with a format, so five runs cover both lists; JSON's run also checks every error's place.
  PROFILES.forEach((profile, i) => {
    const format = FORMATS[(FORMATS.indexOf('json') + i) % FORMATS.length]!;
    const r = spawnSync(process.execPath, [BIN, 'scan', ...roots, '-p', profile, '-f', format, '--fail-on', 'none'], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, timeout: BOUND_MS, env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
    });
    const label = `${profile} / ${format}`;
    assert.equal(r.error, undefined, `${label}: ${String(r.error)}`);
    assert.ok(r.status === 0 || r.status === 2, `${label}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
    assert.doesNotMatch(r.stderr, STACK, label);
    assert.doesNotMatch(r.stdout, STACK, label);
    assert.ok(r.stdout.length > 0, `${label}: no output`);
    for (const line of r.stderr.split('\n').filter(Boolean)) {
      // an error names its file and line; only a folder (a chart helm could not render) has no line
      const m = /^mamori: (.+?)(?::(\d+))?: /.exec(line);
      assert.ok(m, `${label}: unplaced message: ${line}`);
      if (!m[2]) assert.ok(statSync(m[1]!).isDirectory(), `${label}: no line for a file: ${line}`);
    }
    if (format === 'json') {
      const report = JSON.parse(r.stdout) as Report;
      assert.ok(report.summary.resources > 500, `${label}: ${report.summary.resources} objects judged`);
      for (const e of report.errors) assert.ok(e.line !== null || statSync(e.file).isDirectory(), `${label}: ${JSON.stringify(e)}`);
    }
  });
});
