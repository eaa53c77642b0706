// #16 Running containers as root user should be avoided (Azure K8sAzureV3AllowedUsersGroups with Defender's MCSB parameters).
import { z } from 'zod';
import { definePodCheck, once, remedy, t, type ChangeSpec, type FixOp, type Remedy, type Violation } from './types.js';
import { RUN_AS_NON_ROOT } from './changes.js';
import { containerExclusions } from './params.js';
import { effective, podField, type ContainerView, type PodView, type Resolved } from '../k8s/workload.js';
import type { Path } from '../core/path.js';
import { rego } from './rego.js';
import { AZURE } from './pss/crosswalk.js';

const rangeList = once(() => z.object({
  ranges: z.array(z.object({ min: z.number().int(), max: z.number().int().describe('-1: no upper bound') })),
}));
type Ranges = z.output<ReturnType<typeof rangeList>>;
const groupRule = once(() => z.enum(['MustRunAs', 'MayRunAs', 'RunAsAny']));
type GroupRule = z.output<ReturnType<typeof groupRule>>;
const FROM_ONE = { ranges: [{ min: 1, max: -1 }] };

/** The id mamori suggests when a user or group id has to be chosen. */
export const SUGGESTED_ID = 10001;

const inRange = (v: number, r: Ranges): boolean => r.ranges.some((x) => v >= x.min && (x.max === -1 || v <= x.max));

/** An id the rule accepts: SUGGESTED_ID when it fits, else the lowest a range allows; undefined when none does. */
function pick(rule: string, r: Ranges): number | undefined {
  if (rule !== 'MustRunAs' && rule !== 'MayRunAs') return SUGGESTED_ID;
  if (inRange(SUGGESTED_ID, r)) return SUGGESTED_ID;
  return r.ranges.map((x) => x.min).filter((m) => m > 0).sort((a, b) => a - b)[0];
}

// Here runAsUser is unset (else there is no finding), so nothing in the manifest can prove the image's user non-root.
const NON_ROOT_USER: ChangeSpec = {
  ...RUN_AS_NON_ROOT,
  id: 'set-run-as-user-non-root',
  change: t('set securityContext.runAsUser and runAsNonRoot: true', 'securityContext.runAsUser と runAsNonRoot: true を設定'),
  risk: 'may-break',
  evidence: undefined,
};
const SET_USER: ChangeSpec = {
  id: 'set-run-as-user',
  change: t('set securityContext.runAsUser to an allowed non-zero uid', 'securityContext.runAsUser を許可された 0 以外の uid に設定'),
  risk: 'may-break',
  why: t('The process runs as another uid: files the image or its volumes hold for the old user may be unreadable or unwritable.', 'プロセスは別の uid で動く。イメージやボリューム上の元のユーザーのファイルを読み書きできなくなることがある。'),
  needs: t('Choose the uid the image works as, e.g. --set runAsUser=10001.', 'イメージが動作する uid を選ぶ（例: --set runAsUser=10001）。'),
};
const SET_GROUP: ChangeSpec = {
  id: 'set-group',
  change: t('set runAsGroup, fsGroup or supplementalGroups to allowed non-zero gids', 'runAsGroup・fsGroup・supplementalGroups を許可された 0 以外の gid に設定'),
  risk: 'may-break',
  why: t('The process gets other groups (and fsGroup changes the owner of volumes): files it reads through its group may become inaccessible.', 'プロセスのグループが変わる（fsGroup はボリュームの所有者も変える）。グループ経由で読むファイルにアクセスできなくなることがある。'),
  needs: t('Choose a gid that owns the files the workload uses, e.g. --set runAsGroup=10001.', 'ワークロードが使うファイルを所有する gid を選ぶ（例: --set runAsGroup=10001）。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'run-as-root',
    title: t('Running containers as root user should be avoided', 'コンテナーをルート ユーザーとして実行しない'),
    severity: 'high',
    category: t('Manage access and permissions', 'アクセスおよびアクセス許可の管理'),
    needsConfiguration: false,
    description: t(
      'A process running as root in a container is root on the host if it escapes. Under Defender\'s defaults each container must run with runAsNonRoot: true or a non-zero runAsUser, must set a runAsGroup of 1 or more (container or pod), and any fsGroup or supplementalGroups the pod sets must be 1 or more. The image\'s USER is not known to the policy.',
      'コンテナー内で root として実行されるプロセスは、エスケープするとホスト上でも root になります。Defender の既定では、各コンテナーは runAsNonRoot: true または 0 以外の runAsUser で実行し、1 以上の runAsGroup（コンテナーまたはポッド）を設定する必要があり、ポッドが設定する fsGroup と supplementalGroups も 1 以上である必要があります。イメージの USER はポリシーからは見えません。',
    ),
    remediation: t(
      'Set securityContext.runAsNonRoot: true, runAsUser and runAsGroup to non-zero ids (for example 10001) on the pod or container, and make the image work as that user.',
      'ポッドまたはコンテナーの securityContext で runAsNonRoot: true を設定し、runAsUser と runAsGroup を 0 以外の ID（例: 10001）にする。イメージがそのユーザーで動作するようにする。',
    ),
    references: {
      azurePolicy: AZURE.usersGroups,
      defenderKey: '9b795646-9130-41a4-90b7-df9eae2437c8',
      pss: 'Running as Non-root (restricted)',
      nsa: 'Pod security: use containers built to run as non-root users (runAsNonRoot, runAsUser, runAsGroup)',
      kubescape: 'C-0013',
    },
    changes: [NON_ROOT_USER, SET_USER, SET_GROUP],
  },
  params: () => z.object({
    runAsUserRule: z.enum(['MustRunAs', 'MustRunAsNonRoot', 'RunAsAny']).default('MustRunAsNonRoot')
      .describe('MustRunAsNonRoot: runAsUser must not be 0, or runAsNonRoot must be true when runAsUser is unset; MustRunAs: runAsUser must be set and in runAsUserRanges; RunAsAny: anything.'),
    runAsUserRanges: rangeList().default({ ranges: [] }).describe('User id ranges for MustRunAs ({ranges: [{min, max}]}, max -1 = no upper bound).'),
    runAsGroupRule: groupRule().default('MustRunAs')
      .describe('MustRunAs: runAsGroup must be set and in range; MayRunAs: in range when set; RunAsAny: anything. Defender assigns MustRunAs with {ranges: [{min: 1, max: -1}]}.'),
    runAsGroupRanges: rangeList().default(FROM_ONE).describe('Group id ranges for runAsGroup.'),
    supplementalGroupsRule: groupRule().default('MayRunAs').describe('Rule for the pod\'s supplementalGroups (every element must be in range).'),
    supplementalGroupsRanges: rangeList().default(FROM_ONE).describe('Group id ranges for supplementalGroups.'),
    fsGroupRule: groupRule().default('MayRunAs').describe('Rule for the pod\'s fsGroup.'),
    fsGroupRanges: rangeList().default(FROM_ONE).describe('Group id ranges for fsGroup.'),
    ...containerExclusions(),
  }),
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: true,
  excludes: { containers: true, images: true },
  check({ pod, containers }, p) {
    return containers.flatMap((c) => [
      ...userViolations(pod, c, p.runAsUserRule, p.runAsUserRanges),
      ...groupViolations(c, 'runAsGroup', effective(pod, c, 'runAsGroup'), p.runAsGroupRule, p.runAsGroupRanges),
      ...groupViolations(c, 'supplementalGroups', podField(pod, 'supplementalGroups'), p.supplementalGroupsRule, p.supplementalGroupsRanges),
      ...groupViolations(c, 'fsGroup', podField(pod, 'fsGroup'), p.fsGroupRule, p.fsGroupRanges),
    ]);
  },
});

type UserRule = 'MustRunAs' | 'MustRunAsNonRoot' | 'RunAsAny';

// A user id can break the workload (file ownership, images that need root): changing one is only ever a suggestion.
function userViolations(pod: PodView, c: ContainerView, rule: UserRule, ranges: Ranges): Violation[] {
  if (rule === 'RunAsAny') return [];
  const allowed = rego({ ranges: ranges.ranges, rule });
  const user = effective(pod, c, 'runAsUser');
  const scPath: Path = [...c.path, 'securityContext'];
  const uid = rule === 'MustRunAsNonRoot' ? SUGGESTED_ID : pick('MustRunAs', ranges);
  // the image's user is not in the manifest, so no uid is ever proven: these are always suggestions
  const suggest = (at: Path, spec: typeof SET_USER): Remedy => {
    if (uid === undefined) return {};
    const ops: FixOp[] = [{ op: 'set', path: at, value: uid }];
    if (rule === 'MustRunAsNonRoot') ops.push({ op: 'set', path: [...scPath, 'runAsNonRoot'], value: true });
    return remedy(spec, ops, undefined, t(`Run as user ${uid}${rule === 'MustRunAsNonRoot' ? ' with runAsNonRoot: true' : ''}.`, `ユーザー ${uid} で実行する${rule === 'MustRunAsNonRoot' ? '（runAsNonRoot: true）' : ''}。`));
  };
  if (user.value !== undefined) {
    const v = user.value as number;
    const ok = rule === 'MustRunAsNonRoot' ? v !== 0 : inRange(v, ranges);
    if (ok) return [];
    return [{
      path: user.path,
      container: c.name,
      message: t(
        `Container ${c.name} is attempting to run as disallowed user ${v}. Allowed runAsUser: ${allowed}`,
        `コンテナー ${c.name} は許可されていないユーザー ${v} で実行しようとしています。許可される runAsUser: ${allowed}`,
      ),
      ...suggest(user.path, SET_USER),
    }];
  }
  if (rule === 'MustRunAs') {
    return [{
      path: user.path,
      container: c.name,
      message: t(
        `Container ${c.name} is attempting to run without a required securityContext/runAsUser`,
        `コンテナー ${c.name} は必須の securityContext/runAsUser なしで実行しようとしています`,
      ),
      ...suggest(user.path, SET_USER),
    }];
  }
  const nonRoot = effective(pod, c, 'runAsNonRoot');
  if (nonRoot.value === true) return [];
  // runAsUser is unset here, so the image's user decides whether runAsNonRoot: true lets the container start
  return [{
    path: nonRoot.path,
    container: c.name,
    message: t(
      `Container ${c.name} is attempting to run without a required securityContext/runAsNonRoot or securityContext/runAsUser != 0`,
      `コンテナー ${c.name} は必須の securityContext/runAsNonRoot または securityContext/runAsUser != 0 なしで実行しようとしています`,
    ),
    ...suggest(user.path, NON_ROOT_USER),
  }];
}

function groupViolations(c: ContainerView, field: 'runAsGroup' | 'supplementalGroups' | 'fsGroup', value: Resolved, rule: GroupRule, ranges: Ranges): Violation[] {
  if (rule === 'RunAsAny') return [];
  const allowed = rego({ ranges: ranges.ranges, rule });
  const gid = pick(rule, ranges);
  const suggestion = (path: Path, v: unknown): Remedy => (gid === undefined ? {} : remedy(SET_GROUP, [{ op: 'set', path, value: v }], undefined, t(`Set ${field} to ${rego(v)}.`, `${field} を ${rego(v)} にする。`)));
  if (value.value === undefined) {
    if (rule !== 'MustRunAs') return [];
    return [withSuggestion({
      path: value.path,
      container: c.name,
      message: t(
        `Container ${c.name} is attempting to run without a required securityContext/${field}`,
        `コンテナー ${c.name} は必須の securityContext/${field} なしで実行しようとしています`,
      ),
    }, suggestion(value.path, field === 'supplementalGroups' ? [gid] : gid))];
  }
  const list = Array.isArray(value.value);
  const values = (list ? value.value : [value.value]) as number[];
  const bad = values.findIndex((v) => !inRange(v, ranges));
  if (bad < 0) return [];
  const shown = rego(value.value);
  return [withSuggestion({
    path: list ? [...value.path, bad] : value.path,
    container: c.name,
    message: t(
      `Container ${c.name} is attempting to run as disallowed group ${shown}. Allowed ${field}: ${allowed}`,
      `コンテナー ${c.name} は許可されていないグループ ${shown} で実行しようとしています。許可される ${field}: ${allowed}`,
    ),
  }, suggestion(value.path, list ? values.filter((v) => inRange(v, ranges)).concat(values.every((v) => !inRange(v, ranges)) && gid !== undefined ? [gid] : []) : gid))];
}

function withSuggestion(v: Violation, s: Remedy): Violation {
  return { ...v, ...s };
}
