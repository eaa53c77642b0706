// rbac-automounted-powerful-token: a Pod mounting the token of a service account bound to something powerful.
import { rbacTester } from '../../../test/support/rule-families.js';
import { crb } from '../../../test/support/rbac.js';
import { automountedPowerfulToken as rule } from './rbac-automounted-powerful-token.js';

const binding = crb('ci', 'cluster-admin', '[{kind: ServiceAccount, name: ci, namespace: build}]');
const dep = (extra = '', sa = 'ci') => `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: runner, namespace: build}\nspec:\n  template:\n    spec:\n      serviceAccountName: ${sa}${extra}\n      containers: [{name: c, image: x}]\n`;
const saOff = '---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ci, namespace: build}\nautomountServiceAccountToken: false\n';
const PATH = 'spec.template.spec.automountServiceAccountToken';
rbacTester.run(rule, {
  valid: [binding + dep('\n      automountServiceAccountToken: false'), binding + saOff + dep(), binding + dep('', 'other')],
  invalid: [
    { name: 'mounted by default', input: binding + dep(), errors: [{ messageId: 'mountsToken', path: PATH, remediationId: 'optOut' }] },
    { name: 'the pod\'s true wins over the account\'s false', input: binding + saOff + dep('\n      automountServiceAccountToken: true'), errors: [{ messageId: 'mountsToken', path: PATH }] },
  ],
});
