// RBAC manifests for rule tables: bindings and roles in one line each, and the subjects a rule judges in them.
import assert from 'node:assert/strict';
import { parseManifests } from '../../src/source/load.js';
import { originOf } from '../../src/source/origin.js';
import { rbacSubjects, type RbacRule, type RbacSubject } from '../../src/rbac/subjects.js';

export const crb = (name: string, role: string, subjects: string): string =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ${name}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}\nsubjects: ${subjects}\n`;

export const rb = (ns: string, name: string, roleKind: 'Role' | 'ClusterRole', role: string, subjects: string): string =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ${name}, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}\nsubjects: ${subjects}\n`;

export const role = (kind: 'Role' | 'ClusterRole', name: string, rules: string, ns = 'app'): string =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: ${name}${kind === 'Role' ? `, namespace: ${ns}` : ''}}\nrules: ${rules}\n`;

export const OPS = '[{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]';

/** The subjects of the rule's kind (bindings or Pods) in a manifest stream. */
export function subjectsFor(rule: RbacRule): (yaml: string) => RbacSubject[] {
  return (yaml) => {
    const { objects, errors } = parseManifests('rbac.yaml', yaml);
    assert.deepEqual(errors, []);
    return rbacSubjects(objects.map((o) => ({ object: o.object, ...originOf(o) })), { defaultNamespace: 'default' })
      .map((s) => s.value).filter((s) => s.on === rule.judges);
  };
}
