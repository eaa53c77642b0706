// rbac-pods-exec: create or get on pods/exec, in any scope.
import { rbacTester } from '../../../test/support/rule-families.js';
import { rb, role, OPS } from '../../../test/support/rbac.js';
import { podsExec as rule } from './rbac-pods-exec.js';

rbacTester.run(rule, {
  valid: [role('Role', 'logs', '[{apiGroups: [""], resources: [pods/log], verbs: [get]}]') + rb('app', 'l', 'Role', 'logs', OPS)],
  invalid: [{
    input: role('Role', 'debug', '[{apiGroups: [""], resources: [pods/exec], verbs: [create]}]') + rb('app', 'debuggers', 'Role', 'debug', OPS),
    errors: [{ messageId: 'exec', path: 'roleRef', remediationId: 'removeExec' }],
  }],
});
