// AppArmor lint rules (without the parser) and generated profiles' shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintAppArmorText } from './lint.js';
import { apparmorPath, generateFromAudit, generateFromDescription, DescriptionError } from './generate.js';
import { parseAuditAppArmor } from '../seccomp/audit-line.js';
import { apparmorWiring, seccompWiring } from './wiring.js';

const rules = (t: string) => lintAppArmorText(t).map((f) => f.policyId);

test('the seed deny-write profile passes mamori\'s own rules', () => {
  assert.deepEqual(lintAppArmorText(readFileSync(new URL('../../examples/deny-write.apparmor', import.meta.url), 'utf8')), []);
});

test('structure: missing comma, no space before {, unbalanced braces, # include', () => {
  const f = lintAppArmorText('# include <tunables/global>\nprofile a{\n  file\n  capability chown,\n');
  const ids = f.map((x) => x.policyId);
  assert.ok(ids.includes('apparmor-comment-include'));
  assert.equal(f.filter((x) => x.policyId === 'apparmor-structure').length, 3);
  assert.equal(f.find((x) => /comma/.test(x.message))!.location!.line, 3);
});

test('file rules: relative path, bad letters, w with a, plain x in allow, qualifier in deny, ux', () => {
  const t = '#include <tunables/global>\nprofile p flags=(attach_disconnected) {\n  etc/passwd r,\n  /etc/x rq,\n  /var/log/x wa,\n  /usr/bin/id x,\n  deny /bin/sh ix,\n  /usr/bin/env ux,\n  deny /** w,\n}\n';
  const f = lintAppArmorText(t);
  const msgs = f.filter((x) => x.policyId === 'apparmor-file-rule').map((x) => x.message).join('\n');
  assert.match(msgs, /must be absolute/);
  assert.match(msgs, /invalid permissions "rq"/);
  assert.match(msgs, /w and a together/);
  assert.match(msgs, /plain x in an allow rule/);
  assert.match(msgs, /deny rules take plain x/);
  assert.ok(f.some((x) => x.policyId === 'apparmor-broad-allow' && /unconfined/.test(x.message)));
});

test('capabilities, network, flags, variables, /proc and /sys writes, duplicates, AppArmor 4 rules', () => {
  const t = 'profile p flags=(attach_disconnected,bogus) {\n  capability CAP_SYS_ADMIN,\n  capability,\n  network inet tcpx,\n  @{PROC}/sys/kernel/x w,\n  /sys/class/x w,\n  /** w,\n  ptrace,\n  userns,\n  file,\n}\nprofile p {\n  file,\n}\n';
  const ids = rules(t);
  for (const id of ['apparmor-flags', 'apparmor-capability', 'apparmor-broad-allow', 'apparmor-network', 'apparmor-variable', 'apparmor-proc-sys-write', 'apparmor-duplicate-profile', 'apparmor-newer-abi']) {
    assert.ok(ids.includes(id), `${id} missing from ${ids.join(',')}`);
  }
  assert.equal(ids.filter((i) => i === 'apparmor-proc-sys-write').length, 2);
});

test('container profile needs file rules and attach_disconnected', () => {
  const ids = rules('#include <tunables/global>\nprofile p {\n  network,\n}\n');
  assert.ok(ids.includes('apparmor-no-file-rules'));
  assert.ok(ids.includes('apparmor-attach-disconnected'));
});

test('generate from a description: read-only root with writable dirs, network, capabilities; bad input refused', () => {
  const t = generateFromDescription({ name: 'web', readOnlyRoot: true, writePaths: ['/tmp/', '/var/cache/nginx'], network: ['inet tcp'], capabilities: ['CAP_NET_BIND_SERVICE'] });
  assert.match(t, /profile web flags=\(attach_disconnected,mediate_deleted\) \{/);
  assert.match(t, /capability net_bind_service,/);
  assert.match(t, /network inet tcp,/);
  assert.match(t, /\/tmp\/\*\* rwkl,/);
  assert.doesNotMatch(t, /^[ \t]*file,/m);
  assert.deepEqual(lintAppArmorText(t), []);
  assert.throws(() => generateFromDescription({ name: 'a b', readOnlyRoot: false, writePaths: [], network: [], capabilities: [] }), DescriptionError);
  assert.throws(() => generateFromDescription({ name: 'a', readOnlyRoot: false, writePaths: [], network: ['carrier pigeon'], capabilities: [] }), /network/);
  assert.throws(() => generateFromDescription({ name: 'a', readOnlyRoot: false, writePaths: [], network: [], capabilities: ['sys_foo'] }), /capability/);
});

test('generate from type=1400 records: files, exec, capabilities, network; quoting of odd paths', () => {
  const recs = [
    'type=AVC msg=audit(1.1:1): apparmor="DENIED" operation="open" profile="p" name="/etc/my conf" pid=1 comm="a" requested_mask="r" denied_mask="r" fsuid=0 ouid=0',
    'Jan  1 00:00:00 host kernel: [ 1.0] audit: type=1400 audit(1.1:2): apparmor="ALLOWED" operation="open" profile="p" name="/var/log/app.log" pid=1 comm="a" requested_mask="wc" denied_mask="wc" fsuid=0 ouid=0',
    'type=AVC msg=audit(1.1:3): apparmor="ALLOWED" operation="capable" profile="p" pid=1 comm="a" capability=1 capname="dac_override"',
    'type=AVC msg=audit(1.1:4): apparmor="ALLOWED" operation="connect" profile="p" pid=1 comm="a" family="inet6" sock_type="dgram" protocol=17',
    'type=SECCOMP msg=audit(1.1:5): arch=c000003e syscall=1',
  ].map(parseAuditAppArmor).filter((r) => r !== null);
  assert.equal(recs.length, 4);
  const { text, profiles } = generateFromAudit(recs, 'learned');
  assert.deepEqual(profiles, ['p']);
  assert.match(text, /"\/etc\/my conf" r,/);
  assert.match(text, /\/var\/log\/app\.log w,/);
  assert.match(text, /capability dac_override,/);
  assert.match(text, /network inet6 dgram,/);
  assert.deepEqual(lintAppArmorText(text), []);
});

test('wiring snippets name the field, the annotation and the node path', () => {
  const a = apparmorWiring('web', 'nginx');
  assert.match(a, /appArmorProfile:\n\s+type: Localhost\n\s+localhostProfile: web/);
  assert.match(a, /container\.apparmor\.security\.beta\.kubernetes\.io\/nginx: localhost\/web/);
  const s = seccompWiring('web');
  assert.match(s, /\/var\/lib\/kubelet\/seccomp\/web\.json/);
  assert.match(s, /localhostProfile: web\.json/);
});

test('paths are literal in generated rules: globbing characters and variables escaped, quote, backslash and control bytes as octal', () => {
  assert.equal(apparmorPath('/usr/sbin/nginx'), '/usr/sbin/nginx');
  assert.equal(apparmorPath('/var/cache/nginx/', '**'), '/var/cache/nginx/**');
  assert.equal(apparmorPath('/a\\*b'), String.raw`"/a\134\134\*b"`);
  assert.equal(apparmorPath('/c\\'), String.raw`"/c\134\134"`);
  assert.equal(apparmorPath('/q"x'), String.raw`"/q\042x"`);
  assert.equal(apparmorPath('/h/@{HOME}/{a,b}[c]?'), String.raw`"/h/@\{HOME\}/\{a,b\}\[c\]\?"`);
  assert.equal(apparmorPath('/t\tn\n', '/**'), String.raw`"/t\011n\012/**"`);
  assert.equal(apparmorPath('/my dir/'), '"/my dir/"');
  assert.throws(() => apparmorPath('/a\0b'), /NUL/);
  const t = generateFromDescription({ name: 'w', readOnlyRoot: true, writePaths: ['/data/{x}'], network: [], capabilities: [] });
  assert.ok(t.includes(String.raw`  "/data/\{x\}/**" rwkl,`), t);
});
