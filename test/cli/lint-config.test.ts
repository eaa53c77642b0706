// mamori.yaml for seccomp and AppArmor lint: exceptions naming the profile file, effect Disabled, rule parameters, bad config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleConfig } from '../../src/cli/rule-config.js';
import { lintSeccompFiles, SECCOMP_LINT_RULES } from '../../src/seccomp/lint.js';
import { lintAppArmorFiles, APPARMOR_LINT_RULES } from '../../src/apparmor/lint.js';
import { ConfigError } from '../../src/core/errors.js';
import type { Report } from '../../src/core/report.js';
import { repo } from '../kernel/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-lint-config-'));
const write = (name: string, text: string): string => { const f = join(dir, name); writeFileSync(f, text); return f; };

const denylist = write('deny.json', '{\n  "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": [{"names": ["fchmodat", "chmod"], "action": "SCMP_ACT_ERRNO"}]\n}\n');
const allowMount = write('mount.json', '{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["arch_prctl","brk","execve","exit","exit_group","futex","mmap","mount","mprotect","munmap","read","restart_syscall","rt_sigreturn","set_tid_address","write"],"action":"SCMP_ACT_ALLOW"}]}');

const ids = (r: Report, status = 'open') => r.findings.filter((f) => f.status === status).map((f) => f.policyId).sort();

test('seccomp lint without mamori.yaml: the rules and their defaults', () => {
  const r = lintSeccompFiles([denylist, allowMount], { runtime: 'containerd', lang: 'en', ...ruleConfig(SECCOMP_LINT_RULES, write('empty.yaml', '{}\n')) });
  assert.deepEqual(ids(r), ['seccomp-dangerous-syscall', 'seccomp-denylist', 'seccomp-style']);
  assert.equal(r.policies.length, SECCOMP_LINT_RULES.length);
});

test('seccomp lint with mamori.yaml: an exception names the profile file, Disabled turns a rule off, parameters reach the rule', () => {
  const cfg = write('seccomp.yaml', [
    'exceptions:',
    '  - policy: seccomp-denylist',
    `    resource: { kind: SeccompProfile, name: ${JSON.stringify(denylist)} }`,
    '    reason: blocks chmod only, on purpose',
    '  - policy: seccomp-denylist',
    '    resource: { kind: SeccompProfile, name: other.json }',
    '    reason: no longer exists',
    'policies:',
    '  seccomp-style: { effect: Disabled }',
    '  seccomp-dangerous-syscall:',
    '    parameters: { allow: [mount] }',
    '  host-network-or-port: { effect: Deny }',
    '',
  ].join('\n'));
  const r = lintSeccompFiles([denylist, allowMount], { runtime: 'containerd', lang: 'en', ...ruleConfig(SECCOMP_LINT_RULES, cfg) });
  assert.deepEqual(ids(r), []);
  assert.deepEqual(ids(r, 'excepted'), ['seccomp-denylist']);
  assert.equal(r.findings.find((f) => f.status === 'excepted')!.statusReason, 'blocks chmod only, on purpose');
  assert.equal(r.summary.excepted, 1);
  assert.equal(r.summary.findings, 0);
  assert.ok(!r.policies.some((p) => p.policyId === 'seccomp-style'), 'a Disabled rule is not evaluated');
  assert.equal(r.policies.length, SECCOMP_LINT_RULES.length - 1);
  assert.deepEqual(r.unusedExceptions.map((u) => u.resource), ['SeccompProfile/*/other.json']);
});

test('bad lint configuration: a parameter of the wrong type or an unknown rule id names file and line', () => {
  const badParam = write('bad-param.yaml', 'policies:\n  seccomp-dangerous-syscall:\n    parameters:\n      allow: 3\n');
  assert.throws(() => ruleConfig(SECCOMP_LINT_RULES, badParam), (e: unknown) => e instanceof ConfigError && e.message.includes(`${badParam}:4`) && /allow/.test(e.message));
  const unknownKey = write('unknown-param.yaml', 'policies:\n  seccomp-denylist:\n    parameters: { strict: true }\n');
  assert.throws(() => ruleConfig(SECCOMP_LINT_RULES, unknownKey), (e: unknown) => e instanceof ConfigError && /strict/.test(e.message));
  const typo = write('typo.yaml', 'policies:\n  seccomp-stlye: { effect: Disabled }\n');
  assert.throws(() => ruleConfig(SECCOMP_LINT_RULES, typo), /policies\.seccomp-stlye: unknown policy id/);
});

test('AppArmor lint with mamori.yaml: exception by file, Disabled rule', () => {
  const profile = write('p.apparmor', 'profile p {\n  network,\n}\n');
  const cfg = write('apparmor.yaml', [
    'exceptions:',
    '  - policy: apparmor-attach-disconnected',
    `    resource: { kind: AppArmorProfile, name: ${JSON.stringify(profile)} }`,
    '    reason: runs on the host mount namespace',
    'policies:',
    '  apparmor-no-file-rules: { effect: Disabled }',
    '',
  ].join('\n'));
  const plain = lintAppArmorFiles([profile], { lang: 'en', parser: false, ...ruleConfig(APPARMOR_LINT_RULES, write('empty2.yaml', '{}\n')) });
  assert.deepEqual(ids(plain), ['apparmor-attach-disconnected', 'apparmor-no-file-rules']);
  const r = lintAppArmorFiles([profile], { lang: 'en', parser: false, ...ruleConfig(APPARMOR_LINT_RULES, cfg) });
  assert.deepEqual(ids(r), []);
  assert.deepEqual(ids(r, 'excepted'), ['apparmor-attach-disconnected']);
  assert.ok(!r.policies.some((p) => p.policyId === 'apparmor-no-file-rules'));
});

/** The CLI from source, run in `cwd` (where it looks for mamori.yaml). */
function mamoriIn(cwd: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(repo, 'test', 'kernel', 'cli.ts'), ...args], { encoding: 'utf8', cwd });
}

test('both lint commands read mamori.yaml in the working directory, or --config; exit codes follow the open findings', () => {
  const work = mkdtempSync(join(tmpdir(), 'mamori-lint-cwd-'));
  writeFileSync(join(work, 'deny.json'), '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["chmod"],"action":"SCMP_ACT_ERRNO"}]}');
  writeFileSync(join(work, 'mamori.yaml'), 'exceptions:\n  - policy: seccomp-denylist\n    resource: { kind: SeccompProfile, name: deny.json }\n    reason: deny-list on purpose\n');
  const s = mamoriIn(work, ['seccomp', 'lint', '-f', 'json', 'deny.json']);
  assert.equal(s.status, 0, s.stderr);
  const rep = JSON.parse(s.stdout) as Report;
  assert.deepEqual(rep.findings.map((f) => [f.policyId, f.status]), [['seccomp-denylist', 'excepted']]);
  const profile = write('cli.apparmor', 'profile p {\n  network,\n}\n');
  const cfg = write('cli.yaml', 'policies:\n  apparmor-no-file-rules: { effect: Disabled }\n  apparmor-attach-disconnected: { effect: Disabled }\n');
  const a = mamoriIn(work, ['apparmor', 'lint', '--no-parser', '-f', 'json', '--config', cfg, profile]);
  assert.equal(a.status, 0, a.stderr);
  assert.deepEqual((JSON.parse(a.stdout) as Report).findings, []);
  const bad = mamoriIn(work, ['apparmor', 'lint', '--no-parser', '--config', join(work, 'missing.yaml'), profile]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /missing\.yaml/);
});
