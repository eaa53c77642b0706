// One table per AppArmor lint rule: what it reports (message id, path, line) and what it leaves alone.
import { readFileSync } from 'node:fs';
import { APPARMOR_LINT_RULES } from './index.js';
import type { z } from 'zod';
import { apparmorTester, type AppArmorInput } from '../../../test/support/rule-families.js';
import type { Tests } from '../../../test/support/rule-tester.js';

const e = (messageId: string, path: string, line: number | null) => ({ messageId, path, line });

/** The seed profile every rule accepts. */
const CLEAN = readFileSync(new URL('../../../examples/deny-write.apparmor', import.meta.url), 'utf8');

const TABLE: Record<string, Tests<AppArmorInput, z.ZodObject>> = {
  'apparmor-syntax': {
    valid: [CLEAN, { name: 'only apparmor_parser\'s verdict is a syntax error', input: { text: 'profile p {\n  capability CAP_SYS_ADMIN foo,\n}\n', parser: null } }],
    invalid: [
      { input: { text: CLEAN, parser: { message: 'syntax error at line 3', line: 3 } }, errors: [e('parser', '', 3)] },
      { input: { text: CLEAN, parser: { message: 'exit 1', line: null } }, errors: [e('parser', '', null)] },
    ],
  },
  'apparmor-structure': {
    valid: [CLEAN],
    invalid: [
      { input: 'profile a{\n  file\n  capability chown,\n', errors: [e('noSpace', 'line[1]', 1), e('noComma', 'line[2]', 2), e('unbalanced', '', 4)] },
      { input: 'capability chown,\n}\n', errors: [e('outside', 'line[1]', 1), e('unmatched', 'line[2]', 2)] },
    ],
  },
  'apparmor-comment-include': {
    valid: [CLEAN, '#include <tunables/global>\nprofile a {\n  file,\n}\n'],
    invalid: [{ input: '# include <tunables/global>\nprofile a {\n  file,\n}\n', errors: [e('comment', 'line[1]', 1)] }],
  },
  'apparmor-variable': {
    valid: [CLEAN, '@{FOO}=/a\nprofile a {\n  @{FOO}/x r,\n}\n', '#include <tunables/global>\nprofile a {\n  @{HOME}/x r,\n}\n'],
    invalid: [{ input: 'profile a {\n  @{HOME}/x r,\n}\n', errors: [e('undefined', 'line[2]', 2)] }],
  },
  'apparmor-newer-abi': {
    valid: [CLEAN, 'abi <abi/3.0>,\nprofile a {\n  file,\n}\n'],
    invalid: [{ input: 'abi <abi/4.0>,\nprofile a {\n  userns,\n}\n', errors: [e('abi', 'line[1]', 1), e('userns', 'line[3]', 3)] }],
  },
  'apparmor-duplicate-profile': {
    valid: [CLEAN, 'profile p {\n}\nprofile q {\n}\n'],
    invalid: [{ input: 'profile p {\n}\nprofile p {\n}\n', errors: [e('twice', 'line[3]', 3)] }],
  },
  'apparmor-flags': {
    valid: [CLEAN, 'profile p flags=(attach_disconnected,mediate_deleted) {\n}\n'],
    invalid: [{ input: 'profile p flags=(attach_disconnected,bogus) {\n}\n', errors: [e('unknown', 'line[1]', 1)] }],
  },
  'apparmor-attach-disconnected': {
    valid: [CLEAN, 'profile p flags=(attach_disconnected) {\n  file,\n}\n', '# no profile here\n'],
    invalid: [{ input: '#include <tunables/global>\nprofile p {\n  file,\n}\n', errors: [e('missing', '', 2)] }],
  },
  'apparmor-no-file-rules': {
    valid: [CLEAN, 'profile p {\n  /etc/hosts r,\n}\n'],
    invalid: [{ input: 'profile p {\n  network,\n}\n', errors: [e('none', '', 1)] }],
  },
  'apparmor-file-rule': {
    valid: [CLEAN, 'profile p {\n  /usr/bin/id ix,\n  deny /bin/sh x,\n  r /etc/hosts,\n  /usr/bin/x pix,\n}\n'],
    invalid: [{
      input: 'profile p {\n  etc/passwd r,\n  /etc/x rq,\n  /var/log/x wa,\n  /usr/bin/id x,\n  deny /bin/sh ix,\n  /usr/bin/env pcx,\n}\n',
      errors: [e('relative', 'line[2]', 2), e('perms', 'line[3]', 3), e('writeAppend', 'line[4]', 4), e('plainX', 'line[5]', 5), e('denyQualifier', 'line[6]', 6), e('twoQualifiers', 'line[7]', 7)],
    }],
  },
  'apparmor-capability': {
    valid: [CLEAN, 'profile p {\n  capability net_bind_service chown,\n}\n'],
    invalid: [{ input: 'profile p {\n  capability CAP_SYS_ADMIN foo,\n}\n', errors: [e('unknown', 'line[2]', 2), e('unknown', 'line[2]', 2)] }],
  },
  'apparmor-network': {
    valid: [CLEAN, 'profile p {\n  network inet tcp,\n  network,\n  network raw,\n}\n'],
    invalid: [{ input: 'profile p {\n  network inet tcp udp,\n  network bogus,\n  network inet foo,\n}\n', errors: [e('tooMany', 'line[2]', 2), e('family', 'line[3]', 3), e('type', 'line[4]', 4)] }],
  },
  'apparmor-proc-sys-write': {
    valid: [CLEAN, 'profile p {\n  /proc/self/attr/current w,\n  deny /sys/** w,\n  /sys/class/net/ r,\n}\n'],
    invalid: [{ input: 'profile p {\n  /proc/sys/x w,\n  /proc/self/attr w,\n  /sys/class/x w,\n  deny /sys/** w,\n}\n', errors: [e('proc', 'line[2]', 2), e('sys', 'line[4]', 4)] }],
  },
  'apparmor-broad-allow': {
    valid: [CLEAN, 'profile p {\n  capability chown,\n  deny mount,\n  ptrace peer=me,\n  /tmp/** rw,\n  deny /** w,\n}\n'],
    invalid: [{
      input: 'profile p {\n  capability,\n  mount,\n  ptrace,\n  /usr/bin/env ux,\n  /** w,\n}\n',
      errors: [e('capability', 'line[2]', 2), e('bare', 'line[3]', 3), e('ptrace', 'line[4]', 4), e('unconfined', 'line[5]', 5), e('anywhere', 'line[6]', 6)],
    }],
  },
};

apparmorTester.runAll('AppArmor lint', APPARMOR_LINT_RULES, TABLE);
