// Lossless JSON, dialect loading, deterministic writing, lint rules, convert, diff and merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseJsonLossless, JsonSyntaxError, nodeBigInt, get } from './json-lossless.js';
import { parseProfileText, ProfileError } from './profile.js';
import { profileToJson, profileToSpoYaml } from './write.js';
import { lintSeccomp, type Runtime } from './lint.js';
import { convertProfile, diffAgainstDefault, diffProfiles, isSuperset, mergeProfiles } from './ops.js';
import { syscallName, syscallNumber, nearestSyscall } from './syscall-table.js';

const example = (f: string) => readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8');
const ids = (text: string, runtime: Runtime = 'containerd') => lintSeccomp(parseProfileText(text), { runtime }).map((f) => f.policyId);

test('uint64 values stay exact where JSON.parse would round them', () => {
  const text = '{"value": 18446744073709551615, "valueTwo": 9007199254740993}';
  const n = parseJsonLossless(text);
  assert.equal(nodeBigInt(get(n, 'value')), 18446744073709551615n);
  assert.equal(nodeBigInt(get(n, 'valueTwo')), 9007199254740993n);
  assert.notEqual(BigInt((JSON.parse(text) as { valueTwo: number }).valueTwo), 9007199254740993n);
});

test('JSON syntax errors name line and column', () => {
  assert.throws(() => parseJsonLossless('{\n  "a": 1,\n  "b": ]\n}'), (e: unknown) => e instanceof JsonSyntaxError && e.line === 3 && e.column === 8);
  assert.throws(() => parseProfileText('{"defaultAction": "SCMP_ACT_ERRNO",}'), ProfileError);
  assert.throws(() => parseProfileText('[1, 2]'), /must be a JSON object/);
});

test('profiles round-trip through the writer with exact values, sorted output and stable key order', () => {
  const text = '{"syscalls":[{"action":"SCMP_ACT_ALLOW","names":["personality"],"args":[{"op":"SCMP_CMP_EQ","index":0,"value":4294967295}]},{"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]}],"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"]}';
  const out = profileToJson(parseProfileText(text).profile);
  assert.ok(out.indexOf('"defaultAction"') < out.indexOf('"architectures"'));
  assert.match(out, /"value": 4294967295/);
  assert.match(out, /"valueTwo": 0,\n\s+"op": "SCMP_CMP_MASKED_EQ"/);
  assert.equal(profileToJson(parseProfileText(out).profile), out);
  const big = profileToJson(parseProfileText('{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["ioctl"],"action":"SCMP_ACT_ALLOW","args":[{"index":1,"value":18446744073709551615,"op":"SCMP_CMP_EQ"}]}]}').profile);
  assert.match(big, /18446744073709551615/);
});

test('SPO SeccompProfile YAML: written, valid YAML, and read back (ints as bigint)', () => {
  const p = parseProfileText(example('prevent-chmod.json')).profile;
  const y = profileToSpoYaml(p, 'prevent-chmod', 'apps');
  const doc = parseYaml(y) as { kind: string; metadata: { name: string; namespace: string }; spec: { syscalls: Array<{ names: string[] }> } };
  assert.equal(doc.kind, 'SeccompProfile');
  assert.equal(doc.metadata.namespace, 'apps');
  assert.deepEqual(doc.spec.syscalls[0]!.names, ['chmod', 'fchmodat', 'chmodat']);
  const back = parseProfileText(y);
  assert.equal(back.dialect, 'spo');
  assert.equal(back.crdName, 'prevent-chmod');
  assert.deepEqual(back.profile.syscalls, p.syscalls);
});

test('seed prevent-chmod: deny-list and the chmodat typo; legacy form: name dropped by containerd, fine but old-style for docker', () => {
  const modern = ids(example('prevent-chmod.json'));
  assert.ok(modern.includes('seccomp-denylist'));
  assert.ok(modern.includes('seccomp-unknown-syscall'));
  assert.ok(!modern.includes('seccomp-legacy-name'));
  const legacy = lintSeccomp(parseProfileText(example('prevent-chmod-legacy.json')), { runtime: 'containerd' });
  const legacyNames = legacy.filter((f) => f.policyId === 'seccomp-legacy-name');
  assert.equal(legacyNames.length, 3);
  assert.equal(legacyNames[0]!.location?.line, 4);
  assert.equal(legacyNames[0]!.severity, 'medium'); // the rule's own severity
  const docker = lintSeccomp(parseProfileText(example('prevent-chmod-legacy.json')), { runtime: 'docker' }).filter((f) => f.policyId === 'seccomp-legacy-name');
  assert.equal(docker.length, 3, 'the same three legacy names under docker');
  assert.ok(docker.every((f) => f.severity === 'low'));
  const typo = legacy.find((f) => f.policyId === 'seccomp-unknown-syscall')!;
  assert.match(typo.message, /did you mean "fchmodat"/);
});

test('structure rules: keys runtimes ignore, both name and names, archMap with architectures, bad arches', () => {
  const r = ids('{"defaultaction":"SCMP_ACT_ERRNO","architecture":["SCMP_ARCH_X86_64"],"syscalls":[{"name":"read","names":["write"],"action":"SCMP_ACT_ALLOW"}]}', 'docker');
  assert.ok(r.includes('seccomp-unknown-key'));
  assert.ok(r.includes('seccomp-default-action'));
  assert.ok(r.includes('seccomp-rule-names'));
  const a = lintSeccomp(parseProfileText('{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_AMD64"],"archMap":[],"syscalls":[]}'), { runtime: 'docker' });
  assert.ok(a.some((f) => f.policyId === 'seccomp-architecture' && /did you mean SCMP_ARCH_/.test(f.message)));
  assert.ok(a.some((f) => f.policyId === 'seccomp-architecture' && /both set/.test(f.message)));
  const inc = ids('{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["arch_prctl"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["SCMP_ARCH_X86_64"],"caps":["SYS_ADMIN"],"minKernel":"4"}}]}', 'docker');
  assert.equal(inc.filter((x) => x === 'seccomp-architecture').length, 3);
  assert.ok(ids('{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["amd64"]}}]}', 'containerd').includes('seccomp-docker-only-field'));
});

test('argument rules: index, op, negative and fractional values, masks, same-index OR', () => {
  const f = lintSeccomp(parseProfileText(`{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[
    {"index":6,"value":1,"op":"SCMP_CMP_EQ"},
    {"index":0,"value":-1,"op":"SCMP_CMP_EQUAL"},
    {"index":0,"value":1.5,"op":"SCMP_CMP_NE"},
    {"index":1,"value":2,"valueTwo":4,"op":"SCMP_CMP_MASKED_EQ"},
    {"index":2,"value":18446744073709551616,"op":"SCMP_CMP_EQ"}]}]}`), { runtime: 'containerd' });
  const msgs = f.filter((x) => x.policyId === 'seccomp-arg-filter').map((x) => x.message).join('\n');
  assert.match(msgs, /index must be an integer 0\.\.5/);
  assert.match(msgs, /negative.*18446744073709551615/);
  assert.match(msgs, /did you mean SCMP_CMP_EQ/);
  assert.match(msgs, /not an integer/);
  assert.match(msgs, /can never match/);
  assert.match(msgs, /does not fit in 64 bits/);
  assert.ok(f.some((x) => x.policyId === 'seccomp-arg-or' && /OR-ed/.test(x.message)));
});

test('semantic rules: conflicts, duplicates, redundant rules, missing essentials, dangerous calls, errno', () => {
  const f = ids(`{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":5000,"architectures":["SCMP_ARCH_X86_64"],"syscalls":[
    {"names":["read","read","mount"],"action":"SCMP_ACT_ALLOW"},
    {"names":["read"],"action":"SCMP_ACT_KILL_PROCESS"},
    {"names":["ptrace"],"action":"SCMP_ACT_ERRNO","errnoRet":1},
    {"names":["kill"],"action":"SCMP_ACT_ALLOW","errnoRet":1}]}`);
  for (const id of ['seccomp-duplicate-syscall', 'seccomp-conflicting-rules', 'seccomp-redundant-rule', 'seccomp-missing-essential', 'seccomp-dangerous-syscall', 'seccomp-errno', 'seccomp-style']) {
    assert.ok(f.includes(id), `${id} missing from ${f.join(',')}`);
  }
  assert.ok(!f.includes('seccomp-denylist'));
});

test('a generated-style profile lints clean of errors', () => {
  const f = lintSeccomp(parseProfileText(`{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["arch_prctl","brk","execve","exit","exit_group","futex","mmap","mprotect","munmap","read","restart_syscall","rt_sigreturn","set_tid_address","write"],"action":"SCMP_ACT_ALLOW"}]}`), { runtime: 'containerd' });
  assert.deepEqual(f, []);
});

test('convert: legacy names folded and merged; archMap expanded; includes/excludes evaluated with warnings', () => {
  const legacy = convertProfile(parseProfileText(example('prevent-chmod-legacy.json')).profile, { to: 'oci', arch: 'x86_64', caps: [], kernel: '6.1' });
  assert.deepEqual(legacy.profile.syscalls, [{ names: ['chmod', 'chmodat', 'fchmodat'], action: 'SCMP_ACT_ERRNO' }]);
  assert.ok(legacy.warnings.some((w) => /legacy "name"/.test(w)));
  const docker = parseProfileText(`{"defaultAction":"SCMP_ACT_ERRNO","archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86","SCMP_ARCH_X32"]},{"architecture":"SCMP_ARCH_AARCH64","subArchitectures":["SCMP_ARCH_ARM"]}],"syscalls":[
    {"names":["read"],"action":"SCMP_ACT_ALLOW","comment":"base"},
    {"names":["arch_prctl"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["amd64"]}},
    {"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
    {"names":["ptrace"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}},
    {"names":["clone"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_SYS_ADMIN"]},"args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]}]}`).profile;
  const r = convertProfile(docker, { to: 'oci', arch: 'x86_64', caps: [], kernel: '6.1' });
  assert.deepEqual(r.profile.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
  assert.equal(r.profile.archMap, undefined);
  const kept = r.profile.syscalls.flatMap((x) => x.names);
  assert.deepEqual(kept.sort(), ['arch_prctl', 'clone', 'ptrace', 'read']);
  assert.ok(r.warnings.some((w) => /mount.*dropped/.test(w)));
  assert.ok(r.warnings.some((w) => /comments dropped/.test(w)));
  const arm = convertProfile(docker, { to: 'oci', arch: 'aarch64', caps: ['CAP_SYS_ADMIN'], kernel: '4.4' });
  assert.deepEqual(arm.profile.syscalls.flatMap((x) => x.names).sort(), ['mount', 'read']);
  const cc = convertProfile(parseProfileText('{"defaultAction":"SCMP_ACT_ERRNO","defaultErrno":"ENOSYS","syscalls":[{"names":["clone3"],"action":"SCMP_ACT_ERRNO","errno":"ENOSYS"}]}').profile, { to: 'oci', arch: 'x86_64', caps: [], kernel: '6.1' });
  assert.equal(cc.profile.defaultErrnoRet, 38);
  assert.equal(cc.profile.syscalls[0]!.errnoRet, 38);
});

test('diff per arch; diff against RuntimeDefault; merge is a union; --check superset', () => {
  const a = parseProfileText('{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],"syscalls":[{"names":["read","write","arch_prctl"],"action":"SCMP_ACT_ALLOW"}]}').profile;
  const b = parseProfileText('{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],"syscalls":[{"names":["read","openat","socketcall","mount"],"action":"SCMP_ACT_ALLOW"}]}').profile;
  const d = diffProfiles(a, b, 'x86_64');
  assert.deepEqual(d.find((x) => x.arch === 'x86_64'), { arch: 'x86_64', added: ['mount', 'openat'], removed: ['arch_prctl', 'write'] });
  assert.deepEqual(d.find((x) => x.arch === 'x86'), { arch: 'x86', added: ['mount', 'openat', 'socketcall'], removed: ['arch_prctl', 'write'] });
  const def = diffAgainstDefault(b, 'x86_64').find((x) => x.arch === 'x86_64')!;
  assert.deepEqual(def.looser, [{ name: 'mount', defaultCondition: 'CAP_SYS_ADMIN' }]);
  assert.ok(def.stricter.includes('write') && !def.stricter.includes('read'));
  const deny = diffAgainstDefault(parseProfileText(example('prevent-chmod.json')).profile, 'x86_64')[0]!;
  assert.ok(deny.looser.some((l) => l.name === 'kexec_load'));
  assert.ok(deny.stricter.includes('chmod') && deny.stricter.includes('fchmodat'));
  const m = mergeProfiles([a, b]);
  assert.deepEqual(m.profile.syscalls[0]!.names, ['arch_prctl', 'mount', 'openat', 'read', 'socketcall', 'write']);
  assert.equal(isSuperset(m.profile, [a, b], 'x86_64').ok, true);
  assert.equal(isSuperset(a, [b], 'x86_64').ok, false);
});

test('syscall tables: numbers per arch, x32 bit, newer calls, suggestions', () => {
  assert.equal(syscallNumber('x86_64', 'openat'), 257);
  assert.equal(syscallNumber('x86', 'getpid'), 20);
  assert.equal(syscallNumber('aarch64', 'openat'), 56);
  assert.equal(syscallNumber('aarch64', 'open'), undefined);
  assert.equal(syscallNumber('x32', 'openat'), 0x40000000 + 257);
  assert.equal(syscallName('x86_64', 452), 'fchmodat2');
  assert.equal(syscallName('x86_64', 462), 'mseal');
  assert.equal(nearestSyscall('chmodat'), 'fchmodat');
  assert.equal(nearestSyscall('zzzzzzzzzzzz'), null);
});
