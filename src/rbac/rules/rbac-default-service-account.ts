// rbac-default-service-account: permissions bound to "default" reach every Pod of the namespace that names no account.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-default-service-account',
  title: t('The default service account should hold no permissions', 'default サービス アカウントに権限を持たせない'),
  severity: 'medium',
  description: t('Every Pod that names no service account runs as "default"; permissions bound to it reach all of them.', 'サービス アカウントを指定しないすべてのポッドは "default" として動作するため、その権限はすべてのポッドに及びます。'),
  remediation: t('Create a dedicated service account for the workload that needs the permissions and bind the role to it instead.', '権限が必要なワークロード専用のサービス アカウントを作成し、そちらにロールをバインドする。'),
  messages: {
    defaultHolds: t('ServiceAccount {ns}/default (every Pod in {ns} that names no service account) gets {roleKind} {roleName} {scope} through {through}', 'ServiceAccount {ns}/default（{ns} でサービス アカウントを指定しないすべてのポッド）が {through} により {scopeJa} {roleKind} {roleName} を持ちます'),
    dedicatedAccount: t('Create a service account for the workload that needs {roleName} and put it in subjects[{index}] of {kind} {name} instead of default', '{roleName} が必要なワークロード用のサービス アカウントを作成し、{kind} {name} の subjects[{index}] の default と置き換える'),
  },
};

export const defaultServiceAccount = bindingRule(meta, z.object({}), ({ binding: b, role, defaultNamespace }) => {
  // An empty role grants nothing: binding it to default is harmless.
  if (!role || !role.rules.some((r) => r.verbs.length > 0)) return [];
  return b.subjects.filter((s) => s.kind === 'ServiceAccount' && s.name === 'default').map((s) => {
    const data = { ...bindingWords(b), ns: s.namespace ?? b.namespace ?? defaultNamespace, index: s.index };
    return { path: ['subjects', s.index], container: null, message: say(meta, 'defaultHolds', data), remediation: say(meta, 'dedicatedAccount', data) };
  });
});
