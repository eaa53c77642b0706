// The RBAC rules, in the order reports list them (seed 003: groups, least privilege).
import type { RbacRule } from '../subjects.js';
import { clusterAdminBinding } from './rbac-cluster-admin-binding.js';
import { wildcardPermission } from './rbac-wildcard-permission.js';
import { escalationVerbsRule } from './rbac-escalation-verbs.js';
import { secretsClusterWide } from './rbac-secrets-cluster-wide.js';
import { podsExec } from './rbac-pods-exec.js';
import { kubeSystemWorkloadCreate } from './rbac-kube-system-workload-create.js';
import { userSubject } from './rbac-user-subject.js';
import { defaultServiceAccount } from './rbac-default-service-account.js';
import { automountedPowerfulToken } from './rbac-automounted-powerful-token.js';

export const RBAC_RULES: readonly RbacRule[] = [
  clusterAdminBinding, wildcardPermission, escalationVerbsRule, secretsClusterWide, podsExec,
  kubeSystemWorkloadCreate, userSubject, defaultServiceAccount, automountedPowerfulToken,
];
