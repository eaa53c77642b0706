// rbac-escalation-verbs: escalate and bind on roles, impersonate on identities, only when named.
import { rbacTester } from '../../../test/support/rule-families.js';
import { crb, rb, role, OPS } from '../../../test/support/rbac.js';
import { escalationVerbsRule as rule } from './rbac-escalation-verbs.js';

rbacTester.run(rule, {
  valid: [
    role('ClusterRole', 'role-reader', '[{apiGroups: [rbac.authorization.k8s.io], resources: [roles, clusterroles], verbs: [get, list]}]') + crb('r', 'role-reader', OPS),
    crb('admins', 'cluster-admin', OPS),
  ],
  invalid: [
    {
      input: role('ClusterRole', 'granter', '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}, {apiGroups: [""], resources: [users], verbs: [impersonate]}]') + crb('g', 'granter', OPS),
      errors: [{ messageId: 'escalation', path: 'roleRef', remediationId: 'removeVerbs' }, { messageId: 'escalation', path: 'roleRef', remediationId: 'removeVerbs' }],
    },
    { name: 'the built-in edit role impersonates service accounts', input: rb('app', 'e', 'ClusterRole', 'edit', OPS), errors: [{ messageId: 'escalation', path: 'roleRef' }] },
  ],
});
