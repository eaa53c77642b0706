// rbac-default-service-account: a role that grants something, bound to a namespace's default account.
import { rbacTester } from '../../../test/support/rule-families.js';
import { rb, role } from '../../../test/support/rbac.js';
import { defaultServiceAccount as rule } from './rbac-default-service-account.js';

const DEFAULT = '[{kind: ServiceAccount, name: default, namespace: app}]';
rbacTester.run(rule, {
  valid: [role('Role', 'nothing', '[]') + rb('app', 'e', 'Role', 'nothing', DEFAULT), rb('app', 'w', 'ClusterRole', 'view', '[{kind: ServiceAccount, name: web, namespace: app}]')],
  invalid: [{ input: rb('app', 'd', 'ClusterRole', 'view', DEFAULT), errors: [{ messageId: 'defaultHolds', path: 'subjects[0]', remediationId: 'dedicatedAccount' }] }],
});
