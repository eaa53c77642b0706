// rbac-secrets-cluster-wide: reading Secrets through a ClusterRoleBinding, unless resourceNames narrow it.
import { rbacTester } from '../../../test/support/rule-families.js';
import { crb, rb, role, OPS } from '../../../test/support/rbac.js';
import { secretsClusterWide as rule } from './rbac-secrets-cluster-wide.js';

const reader = role('ClusterRole', 'secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [get, list]}]');
rbacTester.run(rule, {
  valid: [
    reader + rb('app', 'in-app', 'ClusterRole', 'secret-reader', OPS),
    role('ClusterRole', 'one', '[{apiGroups: [""], resources: [secrets], resourceNames: [tls], verbs: [get]}]') + crb('n', 'one', OPS),
  ],
  invalid: [{ input: reader + crb('s', 'secret-reader', OPS), errors: [{ messageId: 'everySecret', path: 'roleRef', remediationId: 'narrow' }] }],
});
