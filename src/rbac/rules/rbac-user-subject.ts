// rbac-user-subject: a binding to a person keeps its permissions when the person changes role; a group follows the directory.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-user-subject',
  title: t('Roles should be bound to groups, not individual users', 'ロールは個々のユーザーではなくグループにバインドする'),
  severity: 'low',
  description: t('A binding to a user keeps its permissions when the user changes role; a group binding follows the directory\'s membership (seed 003: bind Azure AD groups, not users).', 'ユーザーへのバインドは職務が変わっても権限が残ります。グループへのバインドはディレクトリのメンバーシップに追従します。'),
  remediation: t('Bind a group the user belongs to instead of the user.', 'ユーザーの代わりに、そのユーザーが属するグループをバインドする。'),
  messages: {
    userBound: t('User {user} gets {roleKind} {roleName} {scope} through {through}, bound to the user rather than a group', 'ユーザー {user} が {through} により {scopeJa} {roleKind} {roleName} を個人として付与されています'),
    useGroup: t('In {kind} {name}, replace subjects[{index}] (User {user}) with a Group the user belongs to', '{kind} {name} の subjects[{index}]（ユーザー {user}）を、そのユーザーが属するグループに置き換える'),
  },
};

// Judged whether or not the role is known: the binding names the person either way. system: users are components.
export const userSubject = bindingRule(meta, z.object({}), ({ binding: b }) => {
  return b.subjects.filter((s) => s.kind === 'User' && !s.name.startsWith('system:')).map((s) => {
    const data = { ...bindingWords(b), user: s.name, index: s.index };
    return { path: ['subjects', s.index], container: null, message: say(meta, 'userBound', data), remediation: say(meta, 'useGroup', data) };
  });
});
