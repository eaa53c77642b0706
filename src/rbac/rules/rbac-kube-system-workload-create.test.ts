// rbac-kube-system-workload-create: writing workloads through a binding that reaches kube-system.
import { rbacTester } from '../../../test/support/rule-families.js';
import { crb, rb, role, OPS } from '../../../test/support/rbac.js';
import { kubeSystemWorkloadCreate as rule } from './rbac-kube-system-workload-create.js';

const deployer = role('ClusterRole', 'deployer', '[{apiGroups: [apps], resources: [deployments], verbs: [create, update]}]');
rbacTester.run(rule, {
  valid: [deployer + rb('app', 'app', 'ClusterRole', 'deployer', OPS)],
  invalid: [
    { name: 'ClusterRoleBinding', input: deployer + crb('all', 'deployer', OPS), errors: [{ messageId: 'createInKubeSystem', path: 'roleRef', remediationId: 'useNamespaceBindings' }] },
    { name: 'RoleBinding in kube-system', input: deployer + rb('kube-system', 'ks', 'ClusterRole', 'deployer', OPS), errors: [{ messageId: 'createInKubeSystem', path: 'roleRef', remediationId: 'removeBinding' }] },
  ],
});
