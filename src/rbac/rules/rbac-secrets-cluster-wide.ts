// rbac-secrets-cluster-wide: reading Secrets through a ClusterRoleBinding reads every namespace's Secrets.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { clusterSecretReads, judgedRuleByRule } from '../powers.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-secrets-cluster-wide',
  title: t('Secrets should not be readable cluster-wide', 'クラスター全体でシークレットを読み取れるようにしない'),
  severity: 'high',
  description: t('get, list or watch on secrets through a ClusterRoleBinding reads every Secret of every namespace, including service account tokens.', 'ClusterRoleBinding 経由の secrets に対する get・list・watch は、サービス アカウント トークンを含むすべての名前空間のシークレットを読み取れます。'),
  remediation: t('Grant Secret access with a RoleBinding in the namespaces that need it, and with resourceNames where possible.', 'シークレットへのアクセスは必要な名前空間の RoleBinding で、可能なら resourceNames を付けて許可する。'),
  messages: {
    everySecret: t('{who} can {verbs} every Secret in every namespace through {through} (rules[{index}])', '{whoJa} が {through}（rules[{index}]）によりすべての名前空間のシークレットを {verbs} できます'),
    narrow: t('Replace {kind} {name} with RoleBindings in the namespaces whose Secrets are needed, or remove secrets from {role} rules[{index}]', '{kind} {name} を必要な名前空間の RoleBinding に置き換えるか、{role} の rules[{index}] から secrets を削除する'),
  },
};

export const secretsClusterWide = bindingRule(meta, z.object({}), ({ binding: b, role }) => {
  if (!role || !judgedRuleByRule(b)) return [];
  return role.rules.flatMap((r) => {
    const verbs = clusterSecretReads(b, r);
    if (verbs.length === 0) return [];
    const data = { ...bindingWords(b), verbs: verbs.join('/'), index: r.index, role: `${role.kind} ${role.name}` };
    return [{ path: ['roleRef'], container: null, message: say(meta, 'everySecret', data), remediation: say(meta, 'narrow', data) }];
  });
});
