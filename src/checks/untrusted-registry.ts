// #2 Container images should be deployed from trusted registries only (Azure K8sAzureV2ContainerAllowedImages).
import { z } from 'zod';
import { definePodCheck, t } from './types.js';
import { excludedContainers } from './params.js';
import { AZURE } from './pss/crosswalk.js';
import { compileRe2, type Re2 } from './re2.js';

export { compileRe2 };

/** MCSB's default: matches only the empty string, so every image fails until the user sets a regex. */
export const UNCONFIGURED_REGEX = '^(.+){0}$';
const CONFIG_KEY = 'policies.untrusted-registry.parameters.allowedContainerImagesRegex';
const EXAMPLE = '^[^/]+\\.azurecr\\.io/.+$';

const compiled = new Map<string, Re2>();
/** Compiled once per pattern: the check runs on every object. */
function regexFor(pattern: string): Re2 {
  let re = compiled.get(pattern);
  if (!re) { re = compileRe2(pattern); compiled.set(pattern, re); }
  return re;
}

function regexProblem(pattern: string): string | undefined {
  // the default is known to be valid RE2, and the check does not run until it is changed
  if (pattern === UNCONFIGURED_REGEX) return undefined;
  try { regexFor(pattern); return undefined; } catch (e) { return (e as Error).message; }
}

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'untrusted-registry',
    title: t('Container images should be deployed from trusted registries only', 'コンテナー イメージは信頼されたレジストリからのみデプロイする必要がある'),
    severity: 'high',
    category: t('Remediate vulnerabilities', '脆弱性の修復'),
    needsConfiguration: true,
    description: t(
      'Images must come from registries you monitor, so unknown vulnerabilities and malicious images stay out of the cluster. Every container\'s image string (regular, init and ephemeral) must be matched by allowedContainerImagesRegex — searched anywhere in the string, so anchor it with ^…$ — exactly as written: no implied docker.io/library/ or :latest. excludedImages does not apply to this check.',
      'クラスターで実行するイメージは監視対象の既知のレジストリのものに限り、未知の脆弱性や悪意のあるイメージの持ち込みを防ぎます。すべてのコンテナー（通常・init・エフェメラル）のイメージ文字列が allowedContainerImagesRegex に一致する必要があります。一致は文字列中のどこでもよい（部分一致）ため ^…$ で固定してください。docker.io/library/ や :latest は補われず、記述どおりの文字列で判定します。excludedImages はこのチェックには適用されません。',
    ),
    remediation: t(
      'Pull the image from a trusted registry (for example your Azure Container Registry) and reference it by its full name, e.g. myregistry.azurecr.io/redis:7.2.',
      '信頼されたレジストリ（例: 自社の Azure Container Registry）からイメージを取得し、myregistry.azurecr.io/redis:7.2 のように完全な名前で参照する。',
    ),
    references: {
      azurePolicy: AZURE.allowedImages,
      defenderKey: '8d244d29-fa00-4332-b935-c3a51d525417',
      nsa: 'Pod security: use images from trusted repositories and scan them',
      kubescape: 'C-0078',
    },
  },
  params: () => z.object({
    allowedContainerImagesRegex: z.string().default(UNCONFIGURED_REGEX)
      .superRefine((v, ctx) => {
        const problem = regexProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: `allowedContainerImagesRegex: not a valid regular expression (RE2): ${problem}` });
      })
      .describe(`Regular expression (RE2) an image string must match, searched anywhere in the string: anchor it with ^…$. Example: ${EXAMPLE}; several registries: ^([^/]+\\.azurecr\\.io|registry\\.io)/.+$. The default ${UNCONFIGURED_REGEX} matches no image: configure it first.`),
    excludedContainers: excludedContainers(),
  }),
  needsConfiguration(params) {
    if (params.allowedContainerImagesRegex !== UNCONFIGURED_REGEX) return null;
    return t(
      `needs configuration: no trusted registry is set, so every image would fail. Set ${CONFIG_KEY} in mamori.yaml to a regular expression your images must match, for example '${EXAMPLE}' (any Azure Container Registry).`,
      `構成が必要です: 信頼されたレジストリが設定されていないため、すべてのイメージが不合格になります。mamori.yaml の ${CONFIG_KEY} に、イメージが一致すべき正規表現を設定してください（例: 任意の Azure Container Registry なら '${EXAMPLE}'）。`,
    );
  },
  classes: ['containers', 'initContainers', 'ephemeralContainers'],
  skipWindows: false,
  excludes: { containers: true, images: false },
  check({ containers }, params) {
    const re = regexFor(params.allowedContainerImagesRegex);
    return containers.flatMap((c) => {
      // no image, no message Azure could form
      if (c.image === undefined || re.test(c.image)) return [];
      return [{
        path: [...c.path, 'image'],
        container: c.name,
        message: t(
          `Container image ${c.image} for container ${c.name} has not been allowed.`,
          `コンテナー ${c.name} のイメージ ${c.image} は許可されていません。`,
        ),
      }];
    });
  },
});
