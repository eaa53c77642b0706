// rbac-cluster-admin-binding over bindings: cluster-wide and namespaced, each with its own least change.
import { ruleTable } from '../../../test/support/rule-table.js';
import { crb, rb, role, OPS, subjectsFor } from '../../../test/support/rbac.js';
import { clusterAdminBinding as rule } from './rbac-cluster-admin-binding.js';

ruleTable(rule, {
  subjectsOf: subjectsFor(rule),
  valid: [crb('ops-view', 'view', OPS), rb('app', 'own', 'Role', 'cluster-admin', OPS) + role('Role', 'cluster-admin', '[]')],
  invalid: [
    { name: 'ClusterRoleBinding', input: crb('ops-admin', 'cluster-admin', OPS), errors: [{ messageId: 'everyPermission', path: 'roleRef.name', remediationId: 'useNamespaceBindings' }] },
    { name: 'RoleBinding', input: rb('app', 'ops-admin', 'ClusterRole', 'cluster-admin', OPS), errors: [{ messageId: 'everyPermission', path: 'roleRef.name', remediationId: 'useAdmin' }] },
  ],
});
