// rbac-wildcard-permission: "*" in verbs, resources or non-resource URLs, one finding per rule of the role.
import { rbacTester } from '../../../test/support/rule-families.js';
import { crb, role, OPS } from '../../../test/support/rbac.js';
import { wildcardPermission as rule } from './rbac-wildcard-permission.js';

rbacTester.run(rule, {
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
