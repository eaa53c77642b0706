// rbac-escalation-verbs: escalate and bind on roles, impersonate on identities.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { escalationVerbs, judgedRuleByRule } from '../powers.js';
import { describeRule } from '../model.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-escalation-verbs',
  title: t('escalate, bind and impersonate should not be granted', 'escalate / bind / impersonate を許可しない'),
  severity: 'high',
  description: t('escalate and bind on roles let a subject grant itself permissions it does not hold; impersonate lets it act as another user, group or service account.', 'ロールに対する escalate と bind は自身が持たない権限の付与を、impersonate は他のユーザー・グループ・サービス アカウントとしての操作を可能にします。'),
  remediation: t('Remove escalate, bind and impersonate from the role; grant role management only to cluster administrators.', 'ロールから escalate / bind / impersonate を削除し、ロール管理はクラスター管理者だけに許可する。'),
  messages: {
    escalation: t('{who} {get} {verbs} ({rule}) {scope} through {through} (rules[{index}])', '{whoJa} が {through}（rules[{index}]）により {scopeJa} {verbs}（{ruleJa}）の権限を持ちます'),
    removeVerbs: t('Remove {verbs} from {role} rules[{index}]', '{role} の rules[{index}] から {verbs} を削除する'),
  },
};

export const escalationVerbsRule = bindingRule(meta, z.object({}), ({ binding: b, role }) => {
  if (!role || !judgedRuleByRule(b)) return [];
  return role.rules.flatMap((r) => {
    const esc = escalationVerbs(r);
    if (esc.length === 0) return [];
    const data = { ...bindingWords(b), verbs: esc.join(', '), rule: describeRule(r), ruleJa: describeRule(r, 'ja'), index: r.index, role: `${role.kind} ${role.name}` };
    return [{ path: ['roleRef'], container: null, message: say(meta, 'escalation', data), remediation: say(meta, 'removeVerbs', data) }];
  });
});
