// --lang ja everywhere: no Japanese text mamori prints holds an untranslated English sentence, and one word for capabilities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../src/checks/index.js';
import { RBAC_RULES } from '../src/rbac/rules/index.js';
import { analyzeRbac } from '../src/rbac/analyze.js';
import { parseManifests } from '../src/source/load.js';
import { originOf } from '../src/source/origin.js';
import { resolveEngineConfig } from '../src/config/load.js';
import { scanPaths } from '../src/scan/scan.js';
import { renderTable } from '../src/formatters/table.js';
import { words } from '../src/formatters/i18n.js';
import { summarize } from '../src/cli/commands/fix.js';
import { writeEstate } from '../bench/report-estate.js';
import type { Report } from '../src/core/report.js';

/** Words that only an English sentence uses: a run of English words holding one of these is a sentence left untranslated. */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'through', 'and', 'or', 'is', 'are', 'be',
  'get', 'gets', 'has', 'have', 'can', 'cannot', 'should', 'must', 'not', 'every', 'this', 'that', 'it', 'its', 'into', 'only', 'named', 'which', 'when', 'than', 'skipped']);

/** The text with what 「」 quote left out (an unclosed 「 quotes to the end). */
function unquoted(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '「') depth++;
    else if (ch === '」' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

const PUNCTUATION = new Set([',', '.', ';', ':', '(', ')']);

function trimPunctuation(tok: string): string {
  let a = 0;
  let b = tok.length;
  while (a < b && PUNCTUATION.has(tok[a]!)) a++;
  while (b > a && PUNCTUATION.has(tok[b - 1]!)) b--;
  return tok.slice(a, b);
}

/**
 * Runs of three or more ASCII words (identifiers, paths, quoted values and numbers count as words but never as
 * function words) that contain a function word: "pods/exec through RoleBinding x" is one, "(PSS baseline)" is not.
 */
export function englishSentences(text: string): string[] {
  const found: string[] = [];
  // 「…」 quotes words as another program prints them (the API server's PodSecurity messages)
  for (const line of unquoted(text).split('\n')) {
    // tokens split on whitespace; anything that is not plain ASCII text ends a run
    let run: string[] = [];
    const flush = (): void => {
      if (run.length >= 3 && run.some((w) => FUNCTION_WORDS.has(w))) found.push(run.join(' '));
      run = [];
    };
    for (const tok of line.split(/\s+/)) {
      if (tok === '') continue;
      // eslint-disable-next-line no-control-regex
      if (/[^\x00-\x7f]/.test(tok)) { flush(); continue; }
      run.push(trimPunctuation(tok));
    }
    flush();
  }
  return found;
}

test('englishSentences finds English sentences and leaves identifiers, values and product names alone', () => {
  assert.deepEqual(englishSentences('そのアカウントは pods/exec through RoleBinding ops/x → ClusterRole edit を持ちます'), ['pods/exec through RoleBinding ops/x']);
  assert.deepEqual(englishSentences('User alice get every permission'), ['User alice get every permission']);
  assert.deepEqual(englishSentences('既定以外の機能 (capabilities) を追加しない (PSS baseline)'), []);
  assert.deepEqual(englishSentences('securityContext.capabilities.add から SYS_ADMIN を削除し、capabilities.drop: ["ALL"] とする。'), []);
  assert.deepEqual(englishSentences('NSA/CISA Kubernetes Hardening Guidance の Pod セキュリティ'), []);
  assert.deepEqual(englishSentences('違反しています（API サーバーの表示:「privileged (container "c" must not set securityContext.privileged=true)」）'), []);
});

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: alice-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: wide}
rules:
- {apiGroups: [""], resources: ["*"], verbs: ["*"]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate, bind]}
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: [""], resources: [pods/exec], verbs: [create]}
- {apiGroups: [apps], resources: [deployments], verbs: [create], resourceNames: [x]}
- {nonResourceURLs: [/metrics], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-wide}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: wide}
subjects: [{kind: Group, name: ops}, {kind: ServiceAccount, name: runner, namespace: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: exec, namespace: app}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create, get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: exec, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
subjects: [{kind: ServiceAccount, name: default, namespace: app}, {kind: User, name: bob}]
---
apiVersion: v1
kind: Pod
metadata: {name: runner, namespace: ci}
spec:
  serviceAccountName: runner
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app}
spec:
  containers: [{name: c, image: x}]
`;

const WORKLOADS = `apiVersion: v1
kind: Pod
metadata: {name: caps, namespace: default}
spec:
  hostPID: true
  hostIPC: true
  hostNetwork: true
  volumes: [{name: h, hostPath: {path: /var/run/docker.sock}}, {name: p, hostPath: {path: /proc}}]
  securityContext: {sysctls: [{name: kernel.shm_rmid_forced, value: "1"}], seLinuxOptions: {type: spc_t}}
  containers:
  - name: c
    image: docker.io/library/nginx
    ports: [{containerPort: 80, hostPort: 80}]
    securityContext:
      privileged: true
      procMount: Unmasked
      runAsUser: 0
      capabilities: {add: [SYS_ADMIN, NET_ADMIN, ALL]}
      seccompProfile: {type: Unconfined}
      appArmorProfile: {type: Unconfined}
    volumeMounts: [{name: h, mountPath: /var/run/docker.sock}]
  - name: win
    image: mcr.microsoft.com/windows
    securityContext: {windowsOptions: {hostProcess: true}}
---
apiVersion: v1
kind: Service
metadata: {name: s, namespace: default}
spec: {type: NodePort, ports: [{port: 22, nodePort: 30022}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i, namespace: web}
spec: {rules: [{host: a.example, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
  namespace: web
  annotations: {container.apparmor.security.beta.kubernetes.io/c: localhost/x, seccomp.security.alpha.kubernetes.io/pod: runtime/default}
spec:
  template:
    metadata:
      annotations: {container.apparmor.security.beta.kubernetes.io/c: localhost/x, seccomp.security.alpha.kubernetes.io/pod: runtime/default}
    spec:
      containers: [{name: c, image: x, resources: {limits: {cpu: "64", memory: 1Ti}}, securityContext: {allowPrivilegeEscalation: true}}]
`;

/** Every text a Japanese run prints: catalogue, findings of every check, rbac, table and fix summaries. */
async function japaneseTexts(): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const add = (where: string, s: string | undefined): void => { if (s) texts.set(`${where}: ${s}`, s); };
  for (const c of ALL_CHECKS) for (const k of ['title', 'description', 'remediation'] as const) add(`${c.meta.id} ${k}`, c.meta[k].ja);
  for (const { meta: r } of RBAC_RULES) for (const k of ['title', 'description', 'remediation'] as const) add(`${r.id} ${k}`, r[k].ja);

  const dir = writeEstate(mkdtempSync(join(tmpdir(), 'mamori-ja-')), 60);
  writeFileSync(join(dir, 'workloads.yaml'), WORKLOADS);
  writeFileSync(join(dir, 'broken.yaml'), 'kind: Pod\nmetadata: {name: [\n');
  const cfg = resolveEngineConfig({ config: {} as never, file: null }, { only: ALL_CHECKS.map((c) => c.meta.id), lang: 'ja' });
  const report: Report = await scanPaths([dir], cfg);
  assert.ok(report.findings.length > 100);
  for (const f of report.findings) {
    add(`${f.policyId} message`, f.message);
    add(`${f.policyId} remediation`, f.remediation);
    add(`${f.policyId} suggestion`, f.suggestion?.text);
  }
  for (const n of report.notices) add('notice', n.message);
  for (const p of report.policies) add(`${p.policyId} tally title`, p.title);
  add('table', renderTable({ ...report, findings: report.findings.slice(0, 200), errors: [] }, { color: false }));

  const rbac = analyzeRbac(parseManifests('rbac.yaml', RBAC).objects.map((o) => ({ object: o.object, ...originOf(o) })), { lang: 'ja' });
  assert.ok(rbac.findings.length >= 8, `${rbac.findings.length} rbac findings`);
  for (const f of rbac.findings) { add(`${f.policyId} message`, f.message); add(`${f.policyId} remediation`, f.remediation); }

  const after = { ...report, findings: report.findings.slice(0, 20) };
  add('fix summary', summarize({ files: [], warnings: [], errors: [], offers: [], after, patches: '' } as never, 'dry-run', 'ja'));
  for (const [k, v] of Object.entries(words('ja'))) if (typeof v === 'string') add(`words ${k}`, v);
  return texts;
}

test('--lang ja: no Japanese text holds an untranslated English sentence; severities are 高/中/低; capabilities are 機能', async () => {
  const texts = await japaneseTexts();
  assert.ok(texts.size > 200, `${texts.size} texts checked`);
  const english = [...texts].flatMap(([where, s]) => englishSentences(s).map((e) => `${where.slice(0, 80)} … «${e}»`));
  assert.deepEqual(english, []);
  const all = [...texts.values()].join('\n');
  assert.doesNotMatch(all, /ケーパビリティ/, 'Defender for Cloud\'s Japanese pages say 機能 (Linux 機能)');
  assert.doesNotMatch(all, /必要な機能は削除/);
  assert.doesNotMatch(all, /^ {2}(?:high|medium|low) /m, 'the fix summary names severities in Japanese');
});
