// Generated AppArmor rules match paths literally: apparmor_parser compiles each odd path to an expression with no glob in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { need } from './helpers.js';
import { apparmorPath, generateFromAudit, generateFromDescription } from '../../src/apparmor/generate.js';
import { parseAuditAppArmor } from '../../src/seccomp/audit-line.js';

const ODD = ['/a\\*b', '/c\\', '/q"x', '/h/@{HOME}/x', '/alt/{a,b}', '/cls/[ab]', '/one/?', '/t\tab', '/nl\nx', '/sp ace', '/s#h', '/^$.+|()', '/日本'];

/** The expression a rule compiles to, per `apparmor_parser -D rule-exprs` ("aare: IN   ->   OUT"). */
function compiled(rules: string[], dir: string): string[] {
  const f = join(dir, 'paths.aa');
  writeFileSync(f, `profile t {\n${rules.map((r) => `  ${r}\n`).join('')}}\n`);
  const r = spawnSync('apparmor_parser', ['-Q', '-K', '-T', '-D', 'rule-exprs', f], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // An aare line may span lines when the path holds a newline; the output follows the last "   ->   ".
  return r.stderr.split(/^aare: /m).slice(1).map((chunk) => chunk.split('   ->   ').pop()!.split('\nrule:')[0]!.replace(/\n$/, '')).filter((out) => out !== 't');
}

/** True when OUT has a glob construct the parser produced (unescaped class, star, group or alternation). */
function hasGlob(out: string): boolean {
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '\\') { i++; continue; }
    if ('[*(|'.includes(out[i]!)) return true;
  }
  return false;
}

test('apparmor_parser compiles every generated path rule to a literal match', (t) => {
  if (!need(t, 'apparmor_parser')) return;
  const dir = mkdtempSync(join(tmpdir(), 'mamori-aa-paths-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const outs = compiled(ODD.map((p) => `${apparmorPath(p)} r,`), dir);
  assert.equal(outs.length, ODD.length, outs.join('\n'));
  for (const [i, out] of outs.entries()) assert.ok(!hasGlob(out), `${JSON.stringify(ODD[i])} compiled to a glob: ${out}`);
  // mamori's own glob after a literal directory stays a glob, and only there.
  const [tail] = compiled([`${apparmorPath('/w{x}/', '**')} rw,`], dir);
  assert.ok(tail!.startsWith('/w\\{x\\}/') && hasGlob(tail!.slice('/w\\{x\\}/'.length)), tail);

  // Whole profiles with these paths load.
  const records = ODD.filter((p) => !p.includes('\n') && !p.includes('"')).map((p, i) =>
    parseAuditAppArmor(`type=AVC msg=audit(1.1:${i}): apparmor="ALLOWED" operation="open" profile="p" name=${Buffer.from(p).toString('hex').toUpperCase()} pid=1 comm="a" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`)).filter((r) => r !== null);
  assert.equal(records.length, ODD.length - 2);
  const profiles = [generateFromAudit(records, 'learned').text, generateFromDescription({ name: 'w', readOnlyRoot: true, writePaths: ['/data/{x}', '/my dir'], network: [], capabilities: [] })];
  for (const [i, text] of profiles.entries()) {
    const f = join(dir, `p${i}.aa`);
    writeFileSync(f, text);
    const r = spawnSync('apparmor_parser', ['-Q', '-K', '-T', f], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${text}\n${r.stderr}`);
  }
});
