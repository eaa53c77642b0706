// rbac-wildcard-permission: "*" in a role's verbs or resources grants every present and future permission.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { isClusterAdmin } from '../powers.js';
import { describeRule, isWildcard } from '../model.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-wildcard-permission',
  title: t('Roles should not grant wildcard verbs or resources', 'ロールでワイルドカードの動詞やリソースを許可しない'),
  severity: 'high',
  description: t('"*" in verbs or resources grants every present and future permission, including escalate, bind, impersonate and access to Secrets.', 'verbs や resources の "*" は、escalate / bind / impersonate やシークレットへのアクセスを含む、現在と将来のすべての権限を許可します。'),
  remediation: t('List the verbs and resources the subject needs instead of "*".', '"*" の代わりに必要な動詞とリソースを列挙する。'),
  messages: {
    wildcard: t('{who} {get} {rule} {scope} through {through} (rules[{index}])', '{whoJa} が {through}（rules[{index}]）により {scopeJa} {ruleJa} の権限を持ちます'),
    listInstead: t('In {role} rules[{index}], list the verbs and resources needed instead of "*"', '{role} の rules[{index}] で "*" の代わりに必要な動詞とリソースを列挙する'),
  },
};

// cluster-admin is rbac-cluster-admin-binding's finding; its wildcards would say the same twice.
export const wildcardPermission = bindingRule(meta, z.object({}), ({ binding: b, role }) => {
  if (!role || isClusterAdmin(b)) return [];
  return role.rules.filter(isWildcard).map((r) => {
    const data = { ...bindingWords(b), rule: describeRule(r), ruleJa: describeRule(r, 'ja'), index: r.index, role: `${role.kind} ${role.name}` };
    return { path: ['roleRef'], container: null, message: say(meta, 'wildcard', data), remediation: say(meta, 'listInstead', data) };
  });
});
