// One table per seccomp lint rule: what it reports (message id, object path, line) and what it leaves alone.
import { SECCOMP_LINT_RULES } from '../lint.js';
import { seccompTester, type SeccompInput } from '../../../test/support/rule-families.js';
import type { z } from 'zod';
import type { Tests } from '../../../test/support/rule-tester.js';
import type { Severity } from '../../core/report.js';

const e = (messageId: string, path: string, line: number | null, severity?: Severity) => ({ messageId, path, line, ...(severity ? { severity } : {}) });

/** A generated-style allow-list every rule accepts. */
const CLEAN = '{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"architectures":["SCMP_ARCH_X86_64"],"syscalls":[{"names":["arch_prctl","brk","execve","exit","exit_group","futex","mmap","mprotect","munmap","read","restart_syscall","rt_sigreturn","set_tid_address","write"],"action":"SCMP_ACT_ALLOW"}]}';

/** An allow-list with one dangerous syscall, for the rules' parameters. */
const MOUNT_READ = '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["mount","read"],"action":"SCMP_ACT_ALLOW"}]}';

const TABLE: Record<string, Tests<SeccompInput, z.ZodObject>> = {
  'seccomp-default-action': {
    valid: [CLEAN],
    invalid: [
      { input: `{
  "architectures": ["SCMP_ARCH_X86_64"],
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALOW"},
    {"names": ["write"]},
    {"names": ["close"], "action": 3}
  ]
}`, errors: [e('missing', 'defaultAction', 1), e('ruleInvalid', 'syscalls[0].action', 4), e('ruleMissing', 'syscalls[1].action', 5), e('ruleNotString', 'syscalls[2].action', 6)] },
      { input: '{"defaultAction": "SCMP_ACT_EROR"}', errors: [e('invalid', 'defaultAction', 1)] },
      { input: '{"defaultAction": 5}', errors: [e('notString', 'defaultAction', 1)] },
    ],
  },
  'seccomp-unknown-key': {
    valid: [CLEAN, { input: { text: '{"defaultAction":"SCMP_ACT_ERRNO","archMap":[],"syscalls":[{"name":"read","action":"SCMP_ACT_ALLOW"}]}', runtime: 'containerd' } }],
    invalid: [{ input: { text: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "defaultAction": "SCMP_ACT_ERRNO",
  "syscals": [],
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALLOW", "acton": "x", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ", "vlue": 2}], "includes": {"bogus": 1}}
  ]
}`, runtime: 'docker' }, errors: [e('twice', 'defaultAction', 3), e('top', 'syscals', 4), e('rule', 'syscalls[0].acton', 6), e('arg', 'syscalls[0].args[0].vlue', 6), e('filter', 'syscalls[0].includes.bogus', 6)] }],
  },
  'seccomp-rule-names': {
    valid: [CLEAN],
    invalid: [
      { input: { text: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    "read",
    {"name": "read", "names": ["write"], "action": "SCMP_ACT_ALLOW"},
    {"names": [], "action": "SCMP_ACT_ALLOW"},
    {"names": ["", 3], "action": "SCMP_ACT_ALLOW"},
    {"names": "read", "action": "SCMP_ACT_ALLOW"},
    {"action": "SCMP_ACT_ALLOW"}
  ]
}`, runtime: 'docker' }, errors: [e('notObject', 'syscalls[0]', 4), e('both', 'syscalls[1].name', 5), e('empty', 'syscalls[2].names', 6), e('emptyName', 'syscalls[3].names[0]', 7), e('emptyName', 'syscalls[3].names[1]', 7), e('notList', 'syscalls[4].names', 8), e('none', 'syscalls[5]', 9)] },
      { input: '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":{}}', errors: [e('syscallsNotList', 'syscalls', 1)] },
    ],
  },
  'seccomp-legacy-name': {
    valid: [CLEAN],
    invalid: [
      { input: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [\n    {"name": "chmod", "action": "SCMP_ACT_ALLOW"}\n  ]\n}', errors: [e('containerd', 'syscalls[0].name', 4)] },
      { input: { text: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [\n    {"name": "chmod", "action": "SCMP_ACT_ALLOW"}\n  ]\n}', runtime: 'docker' }, errors: [e('other', 'syscalls[0].name', 4, 'low')] },
    ],
  },
  'seccomp-docker-only-field': {
    valid: [CLEAN, { input: { text: '{"defaultAction":"SCMP_ACT_ERRNO","archMap":[],"defaultErrno":"ENOSYS","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","comment":"c","includes":{}}]}', runtime: 'cri-o' } }],
    invalid: [{ input: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "archMap": [],
  "defaultErrno": "ENOSYS",
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALLOW", "comment": "c", "includes": {}, "name": "read"}
  ]
}`, errors: [e('top', 'archMap', 3), e('top', 'defaultErrno', 4), e('rule', 'syscalls[0].comment', 6), e('filter', 'syscalls[0].includes', 6)] }],
  },
  'seccomp-architecture': {
    valid: [CLEAN, { input: { text: '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["amd64"],"caps":["CAP_SYS_ADMIN"],"minKernel":"4.8"}}]}', runtime: 'docker' } }],
    invalid: [
      { input: { text: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_AMD64", 3],
  "archMap": [{"architecture": "SCMP_ARCH_FOO", "subArchitectures": ["SCMP_ARCH_X86"]}],
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["SCMP_ARCH_X86_64", "amd64"], "caps": ["SYS_ADMIN"], "minKernel": "4"}},
    {"names": ["write"], "action": "SCMP_ACT_ALLOW", "excludes": "x"}
  ]
}`, runtime: 'docker' }, errors: [e('notScmp', 'architectures[1]', 3), e('notScmp', 'architectures[2]', 3), e('both', 'archMap', 4), e('notScmp', 'archMap.architecture', 4),
        e('notGo', 'syscalls[0].includes.arches', 6), e('notCap', 'syscalls[0].includes.caps', 6), e('minKernel', 'syscalls[0].includes.minKernel', 6), e('filterNotObject', 'syscalls[1].excludes', 7)] },
      { input: '{"defaultAction":"SCMP_ACT_ERRNO","architectures":"x"}', errors: [e('notList', 'architectures', 1)] },
    ],
  },
  'seccomp-errno': {
    valid: [CLEAN],
    invalid: [
      { input: { text: `{
  "defaultAction": "SCMP_ACT_ALLOW",
  "defaultErrnoRet": 5000,
  "defaultErrno": "EFOO",
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": 0},
    {"names": ["write"], "action": "SCMP_ACT_KILL", "errnoRet": -1}
  ]
}`, runtime: 'cri-o' }, errors: [e('tooLarge', 'defaultErrnoRet', 3), e('wrongAction', 'defaultErrnoRet', 3), e('errnoName', 'defaultErrno', 4), e('both', 'defaultErrno', 4),
        e('zero', 'syscalls[0].errnoRet', 6), e('negative', 'syscalls[1].errnoRet', 7), e('wrongAction', 'syscalls[1].errnoRet', 7)] },
      { input: '{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"syscalls":[]}', errors: [e('eperm', 'defaultErrnoRet', 1)] },
      { name: 'defaultErrnoRet 0, a milder case', input: '{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":0}', errors: [e('zero', 'defaultErrnoRet', 1, 'low')] },
    ],
  },
  'seccomp-arg-filter': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]}]}'],
    invalid: [{ input: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [
      {"index": 6, "value": 1, "op": "SCMP_CMP_EQ"},
      {"index": 0, "value": -1, "op": "SCMP_CMP_EQUAL"},
      {"index": 0, "value": 1.5, "valueTwo": 3, "op": "SCMP_CMP_NE"},
      {"index": 1, "value": 2, "valueTwo": 4, "op": "SCMP_CMP_MASKED_EQ"},
      {"index": 2, "value": 18446744073709551616, "op": "SCMP_CMP_EQ"},
      {"index": 3, "value": 0, "op": "SCMP_CMP_MASKED_EQ"},
      {"index": 4, "op": "SCMP_CMP_EQ"},
      7
    ]}
  ]
}`, errors: [e('index', 'syscalls[0].args[0].index', 5), e('negative', 'syscalls[0].args[1].value', 6), e('op', 'syscalls[0].args[1].op', 6),
      e('notInteger', 'syscalls[0].args[2].value', 7), e('valueTwoIgnored', 'syscalls[0].args[2].valueTwo', 7), e('neverMatches', 'syscalls[0].args[3].valueTwo', 8),
      e('tooLarge', 'syscalls[0].args[4].value', 9), e('maskZero', 'syscalls[0].args[5].value', 10), e('valueMissing', 'syscalls[0].args[6].value', 11), e('notObject', 'syscalls[0].args[7]', 12)] }],
  },
  'seccomp-arg-or': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["socket"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"},{"index":1,"value":2,"op":"SCMP_CMP_EQ"}]}]}'],
    invalid: [{ input: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [
      {"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}, {"index": 1, "value": 2, "op": "SCMP_CMP_EQ"}]}
  ]
}`, errors: [e('or', 'syscalls[0].args', 4)] }],
  },
  'seccomp-notify': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_ERRNO","listenerPath":"/run/agent.sock","flags":["SECCOMP_FILTER_FLAG_LOG"],"syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_NOTIFY"}]}'],
    invalid: [{ input: `{
  "defaultAction": "SCMP_ACT_NOTIFY",
  "flags": ["SECCOMP_FILTER_FLAG_LOG", "BAD"],
  "listenerMetadata": "x",
  "syscalls": [
    {"names": ["write"], "action": "SCMP_ACT_NOTIFY"}
  ]
}`, errors: [e('noListener', 'listenerPath', 1), e('asDefault', 'defaultAction', 2), e('flag', 'flags', 3), e('metadata', 'listenerMetadata', 4), e('onWrite', 'syscalls[0].action', 6)] }],
  },
  'seccomp-unknown-syscall': {
    valid: [CLEAN],
    invalid: [{ input: '{\n  "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": [\n    {"names": ["chmod", "chmodat"], "action": "SCMP_ACT_ERRNO"}\n  ]\n}', errors: [e('unknown', 'syscalls[0].names[1]', 4)] }],
  },
  'seccomp-syscall-not-on-arch': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["open"],"action":"SCMP_ACT_ALLOW"}]}'],
    invalid: [{ input: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "architectures": ["SCMP_ARCH_AARCH64"],\n  "syscalls": [\n    {"names": ["open", "read"], "action": "SCMP_ACT_ALLOW"}\n  ]\n}', errors: [e('absent', 'syscalls[0].names[0]', 5)] }],
  },
  'seccomp-conflicting-rules': {
    valid: [CLEAN],
    invalid: [{ input: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["read"], "action": "SCMP_ACT_KILL_PROCESS"},
    {"names": ["read"], "action": "SCMP_ACT_LOG", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]}
  ]
}`, errors: [e('conflict', 'syscalls[1].names[0]', 5)] }],
  },
  'seccomp-duplicate-syscall': {
    valid: [CLEAN],
    invalid: [{ input: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [\n    {"names": ["read", "read"], "action": "SCMP_ACT_ALLOW"},\n    {"names": ["read"], "action": "SCMP_ACT_ALLOW"}\n  ]\n}',
      errors: [e('inRule', 'syscalls[0].names[1]', 4), e('again', 'syscalls[1].names[0]', 5)] }],
  },
  'seccomp-redundant-rule': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["ptrace"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]}]}'],
    invalid: [{ input: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [\n    {"names": ["ptrace"], "action": "SCMP_ACT_ERRNO"}\n  ]\n}', errors: [e('same', 'syscalls[0].action', 4)] }],
  },
  'seccomp-missing-essential': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_LOG","syscalls":[]}', { name: 'essential syscalls are a parameter', input: MOUNT_READ, params: { essential: ['read'] } }],
    invalid: [
      { input: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "architectures": ["SCMP_ARCH_X86_64"],\n  "syscalls": [\n    {"names": ["read"], "action": "SCMP_ACT_ALLOW"}\n  ]\n}', errors: [e('lacks', 'syscalls', 4)] },
      {
        name: 'an essential syscall named by the parameter', input: MOUNT_READ, params: { essential: ['read', 'write'] },
        errors: [{ ...e('lacks', 'syscalls', 1), message: 'allow-list lacks write: most containers fail to start or exit without them' }],
      },
    ],
  },
  'seccomp-dangerous-syscall': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mount"],"action":"SCMP_ACT_ALLOW"}]}', { name: 'a dangerous syscall accepted by the parameter', input: MOUNT_READ, params: { allow: ['mount'] } }],
    invalid: [
      { input: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [\n    {"names": ["read", "mount"], "action": "SCMP_ACT_ALLOW"}\n  ]\n}', errors: [e('allowed', 'syscalls[0].names[1]', 4)] },
      { name: 'none accepted by the parameter', input: MOUNT_READ, params: { allow: [] }, errors: [e('allowed', 'syscalls[0].names[0]', 1)] },
    ],
  },
  'seccomp-denylist': {
    valid: [CLEAN],
    invalid: [{ input: '{\n  "defaultAction": "SCMP_ACT_ALLOW"\n}', errors: [e('allow', 'defaultAction', 2)] }],
  },
  'seccomp-default-action-weak': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_KILL_PROCESS"}'],
    invalid: [
      { input: '{\n  "defaultAction": "SCMP_ACT_LOG"\n}', errors: [e('log', 'defaultAction', 2)] },
      { input: '{\n  "defaultAction": "SCMP_ACT_KILL_THREAD"\n}', errors: [e('thread', 'defaultAction', 2)] },
      { name: 'SCMP_ACT_KILL is KILL_THREAD, reported as a milder case', input: '{"defaultAction":"SCMP_ACT_KILL"}', errors: [e('thread', 'defaultAction', 1, 'medium')] },
    ],
  },
  'seccomp-no-architectures': {
    valid: [CLEAN, '{"defaultAction":"SCMP_ACT_ALLOW"}', { input: { text: '{"defaultAction":"SCMP_ACT_ERRNO","archMap":[]}', runtime: 'docker' } }],
    invalid: [{ input: '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": []\n}', errors: [e('none', 'architectures', 1)] }],
  },
  'seccomp-style': {
    valid: [CLEAN],
    invalid: [{ input: `{
  "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    {"names": ["write", "read"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["ptrace"], "action": "SCMP_ACT_KILL_PROCESS"},
    {"names": ["close"], "action": "SCMP_ACT_ALLOW"}
  ]
}`, errors: [e('scattered', 'syscalls', 3), e('unsorted', 'syscalls[0].names', 4)] }],
  },
  'seccomp-too-large': {
    valid: [{ input: { text: CLEAN, size: 1024 * 1024 } }, CLEAN],
    invalid: [{ input: { text: CLEAN, size: 1024 * 1024 + 1 }, errors: [e('large', '', 1)] }],
  },
};

seccompTester.runAll('seccomp lint', SECCOMP_LINT_RULES, TABLE);
