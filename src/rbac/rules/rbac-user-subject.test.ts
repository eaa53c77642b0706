// rbac-user-subject: people bound by name; groups and system: users are not reported.
import { rbacTester } from '../../../test/support/rule-families.js';
import { rb } from '../../../test/support/rbac.js';
import { userSubject as rule } from './rbac-user-subject.js';

rbacTester.run(rule, {
  valid: [rb('app', 'v', 'ClusterRole', 'view', '[{kind: Group, name: devs}, {kind: User, name: "system:kube-proxy"}]')],
  invalid: [{
    name: 'a user beside a group; reported even when the role is unknown',
    input: rb('app', 'v', 'ClusterRole', 'view', '[{kind: Group, name: devs}, {kind: User, name: alice}]') + rb('app', 'w', 'Role', 'nowhere', '[{kind: User, name: bob}]'),
    errors: [{ messageId: 'userBound', path: 'subjects[1]', remediationId: 'useGroup' }, { messageId: 'userBound', path: 'subjects[0]', remediationId: 'useGroup' }],
  }],
});
