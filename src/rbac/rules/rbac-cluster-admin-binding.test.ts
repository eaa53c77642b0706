// rbac-cluster-admin-binding over bindings: cluster-wide and namespaced, each with its own least change.
import { rbacTester } from '../../../test/support/rule-families.js';
import { crb, rb, role, OPS } from '../../../test/support/rbac.js';
import { clusterAdminBinding as rule } from './rbac-cluster-admin-binding.js';

rbacTester.run(rule, {
  valid: [crb('ops-view', 'view', OPS), rb('app', 'own', 'Role', 'cluster-admin', OPS) + role('Role', 'cluster-admin', '[]')],
  invalid: [
    { name: 'ClusterRoleBinding', input: crb('ops-admin', 'cluster-admin', OPS), errors: [{ messageId: 'everyPermission', path: 'roleRef.name', remediationId: 'useNamespaceBindings' }] },
    { name: 'RoleBinding', input: rb('app', 'ops-admin', 'ClusterRole', 'cluster-admin', OPS), errors: [{ messageId: 'everyPermission', path: 'roleRef.name', remediationId: 'useAdmin' }] },
  ],
});
