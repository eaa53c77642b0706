// rbac-wildcard-permission: "*" in verbs, resources or non-resource URLs, one finding per rule of the role.
import { ruleTable } from '../../../test/support/rule-table.js';
import { crb, role, OPS, subjectsFor } from '../../../test/support/rbac.js';
import { wildcardPermission as rule } from './rbac-wildcard-permission.js';

ruleTable(rule, {
  subjectsOf: subjectsFor(rule),
  valid: [
    role('ClusterRole', 'reader', '[{apiGroups: [""], resources: [pods], verbs: [get, list]}]') + crb('b', 'reader', OPS),
    crb('admins', 'cluster-admin', OPS),
  ],
  invalid: [{
    input: role('ClusterRole', 'wide', '[{apiGroups: [""], resources: ["*"], verbs: [get]}, {apiGroups: [""], resources: [pods], verbs: [get]}, {nonResourceURLs: ["*"], verbs: [get]}]') + crb('b', 'wide', OPS),
    errors: [
      { messageId: 'wildcard', path: 'roleRef', remediationId: 'listInstead' },
      { messageId: 'wildcard', path: 'roleRef', remediationId: 'listInstead' },
    ],
  }],
});
