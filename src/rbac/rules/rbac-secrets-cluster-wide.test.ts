// rbac-secrets-cluster-wide: reading Secrets through a ClusterRoleBinding, unless resourceNames narrow it.
import { ruleTable } from '../../../test/support/rule-table.js';
import { crb, rb, role, OPS, subjectsFor } from '../../../test/support/rbac.js';
import { secretsClusterWide as rule } from './rbac-secrets-cluster-wide.js';

const reader = role('ClusterRole', 'secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [get, list]}]');
ruleTable(rule, {
  subjectsOf: subjectsFor(rule),
  valid: [
    reader + rb('app', 'in-app', 'ClusterRole', 'secret-reader', OPS),
    role('ClusterRole', 'one', '[{apiGroups: [""], resources: [secrets], resourceNames: [tls], verbs: [get]}]') + crb('n', 'one', OPS),
  ],
  invalid: [{ input: reader + crb('s', 'secret-reader', OPS), errors: [{ messageId: 'everySecret', path: 'roleRef', remediationId: 'narrow' }] }],
});
