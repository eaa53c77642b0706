// #2 Container images should be deployed from trusted registries only (Azure K8sAzureV2ContainerAllowedImages).
import { z } from 'zod';
import { definePodCheck, t } from './types.js';
import { excludedContainers } from './params.js';
import { AZURE } from './pss/crosswalk.js';

/** MCSB's default: matches only the empty string, so every image fails until the user sets a regex. */
export const UNCONFIGURED_REGEX = '^(.+){0}$';
const CONFIG_KEY = 'policies.untrusted-registry.parameters.allowedContainerImagesRegex';
const EXAMPLE = '^[^/]+\\.azurecr\\.io/.+$';

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

/**
 * Azure evaluates the regex with Go's RE2. Translates the RE2 syntax JavaScript lacks (leading (?ims) flags,
 * (?P<name>…), \A, \z, [[:alpha:]]) and rejects what RE2 itself rejects (lookaround, backreferences), so a
 * pattern behaves here as it does in the cluster.
 */
export function compileRe2(pattern: string): RegExp {
  let src = pattern;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1]!.includes('U')) throw new Error('the ungreedy flag (?U) is not supported');
    flags = [...new Set(lead[1]!)].join('');
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    const rest = src.slice(i);
    if (ch === '\\') {
      const next = src[i + 1];
      if (next === undefined) throw new Error('trailing backslash');
      if (/[1-9]/.test(next) || next === 'k') throw new Error(`backreferences (\\${next}) are not supported by RE2`);
      if (!inClass && next === 'A') { out += '(?<![\\s\\S])'; i++; continue; }
      if (!inClass && next === 'z') { out += '(?![\\s\\S])'; i++; continue; }
      out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix) {
        const cls = POSIX_CLASSES[posix[2]!];
        if (!cls) throw new Error(`unknown character class [:${posix[2]}:]`);
        if (posix[1]) throw new Error(`negated class [:^${posix[2]}:] is not supported`);
        out += cls;
        i += posix[0].length - 1;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // a "]" right after "[" or "[^" is a literal in RE2
      const lit = /^\[(\^?)\]/.exec(rest);
      if (lit) { out += `${lit[1]}\\]`; i += lit[0].length - 1; }
      continue;
    }
    if (rest.startsWith('(?P<')) { out += '(?<'; i += 3; continue; }
    if (/^\(\?(=|!|<=|<!)/.test(rest)) throw new Error('lookaround assertions are not supported by RE2');
    if (/^\(\?[a-zA-Z-]+[:)]/.test(rest)) throw new Error('flags are supported only at the start of the pattern, as (?i)');
    out += ch;
  }
  if (inClass) throw new Error('missing closing ]');
  return new RegExp(out, flags);
}

const compiled = new Map<string, RegExp>();
/** Compiled once per pattern: the check runs on every object. */
function regexFor(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) { re = compileRe2(pattern); compiled.set(pattern, re); }
  return re;
}

function regexProblem(pattern: string): string | undefined {
  try { compileRe2(pattern); return undefined; } catch (e) { return (e as Error).message; }
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
  params: z.object({
    allowedContainerImagesRegex: z.string().default(UNCONFIGURED_REGEX)
      .superRefine((v, ctx) => {
        const problem = regexProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: `allowedContainerImagesRegex: not a valid regular expression (RE2): ${problem}` });
      })
      .describe(`Regular expression (RE2) an image string must match, searched anywhere in the string: anchor it with ^…$. Example: ${EXAMPLE}; several registries: ^([^/]+\\.azurecr\\.io|registry\\.io)/.+$. The default ${UNCONFIGURED_REGEX} matches no image: configure it first.`),
    excludedContainers,
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
