// rbac-pods-exec: pods/exec runs commands inside containers with their identity and Secrets.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { execVerbs, judgedRuleByRule } from '../powers.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-pods-exec',
  title: t('pods/exec should be granted sparingly', 'pods/exec の許可は最小限にする'),
  severity: 'medium',
  description: t('pods/exec runs commands inside containers, with the container\'s identity, mounted Secrets and service account token.', 'pods/exec はコンテナー内でコマンドを実行でき、コンテナーの ID、マウントされたシークレット、サービス アカウント トークンを利用できます。'),
  remediation: t('Remove pods/exec from the role, or grant it only in the namespaces where it is needed, to a group of operators.', 'ロールから pods/exec を削除するか、必要な名前空間でのみオペレーターのグループに許可する。'),
  messages: {
    exec: t('{who} can exec into Pods ({verbs} pods/exec) {scope} through {through} (rules[{index}])', '{whoJa} が {through}（rules[{index}]）により {scopeJa} ポッドで exec（{verbs} pods/exec）できます'),
    removeExec: t('Remove pods/exec from {role} rules[{index}], or bind it only to an operators\' group in the namespaces that need it', '{role} の rules[{index}] から pods/exec を削除するか、必要な名前空間でオペレーターのグループにのみバインドする'),
  },
};

export const podsExec = bindingRule(meta, z.object({}), ({ binding: b, role }) => {
  if (!role || !judgedRuleByRule(b)) return [];
  return role.rules.flatMap((r) => {
    const verbs = execVerbs(r);
    if (verbs.length === 0) return [];
    const data = { ...bindingWords(b), verbs: verbs.join('/'), index: r.index, role: `${role.kind} ${role.name}` };
    return [{ path: ['roleRef'], container: null, message: say(meta, 'exec', data), remediation: say(meta, 'removeExec', data) }];
  });
});
