// rbac-pods-exec: create or get on pods/exec, in any scope.
import { ruleTable } from '../../../test/support/rule-table.js';
import { rb, role, OPS, subjectsFor } from '../../../test/support/rbac.js';
import { podsExec as rule } from './rbac-pods-exec.js';

ruleTable(rule, {
  subjectsOf: subjectsFor(rule),
  valid: [role('Role', 'logs', '[{apiGroups: [""], resources: [pods/log], verbs: [get]}]') + rb('app', 'l', 'Role', 'logs', OPS)],
  invalid: [{
    input: role('Role', 'debug', '[{apiGroups: [""], resources: [pods/exec], verbs: [create]}]') + rb('app', 'debuggers', 'Role', 'debug', OPS),
    errors: [{ messageId: 'exec', path: 'roleRef', remediationId: 'removeExec' }],
  }],
});
