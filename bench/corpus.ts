// Generates realistic multi-document workload YAML for benchmarks: varied kinds, containers, comments and fields.

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'] as const;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function container(r: () => number, name: string, indent: string): string {
  const risky = r() < 0.4;
  const lines = [
    `- name: ${name}`,
    `  image: ${r() < 0.5 ? 'contoso.azurecr.io' : 'docker.io/library'}/${name}:${Math.floor(r() * 20)}.${Math.floor(r() * 10)}`,
    '  imagePullPolicy: IfNotPresent',
    '  # ports the service routes to',
    '  ports:',
    `  - containerPort: ${8000 + Math.floor(r() * 1000)}`,
    '    protocol: TCP',
    '  env:',
    ...Array.from({ length: 4 + Math.floor(r() * 6) }, (_, i) => `  - name: VAR_${i}\n    value: "value-${Math.floor(r() * 1e6)}"`),
    '  resources:',
    '    requests: {cpu: 100m, memory: 128Mi}',
    ...(r() < 0.7 ? ['    limits:', `      cpu: "${1 + Math.floor(r() * 4)}"`, `      memory: ${256 * (1 + Math.floor(r() * 8))}Mi`] : []),
    '  readinessProbe:',
    '    httpGet: {path: /healthz, port: 8080}',
    '    initialDelaySeconds: 5',
    '  securityContext:',
    `    privileged: ${risky && r() < 0.3}`,
    `    allowPrivilegeEscalation: ${risky}`,
    `    readOnlyRootFilesystem: ${!risky}`,
    `    runAsNonRoot: ${!risky}`,
    ...(risky ? ['    capabilities:', '      add: [NET_ADMIN]'] : ['    capabilities:', '      drop: [ALL]']),
    '  volumeMounts:',
    '  - {name: data, mountPath: /data}',
  ];
  return lines.map((l) => l.split('\n').map((x) => indent + x).join('\n')).join('\n');
}

/** One workload document of roughly 2–3 KB, like real manifests from Helm charts. */
export function workloadDoc(i: number): string {
  const r = rng(i + 1);
  const kind = KINDS[i % KINDS.length]!;
  const name = `app-${i}`;
  const ns = `team-${i % 17}`;
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const head = [
    `# ${kind} ${name}, generated`,
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    '    app.kubernetes.io/part-of: shop',
    '  annotations:',
    `    description: "workload number ${i} with a longer description text to look like real annotations"`,
  ];
  const podSpec = [
    'spec:',
    `  serviceAccountName: ${name}`,
    `  automountServiceAccountToken: ${r() < 0.5}`,
    ...(r() < 0.1 ? ['  hostNetwork: true'] : []),
    '  securityContext:',
    '    runAsUser: 10001',
    '    runAsGroup: 10001',
    '    fsGroup: 10001',
    '  containers:',
    container(r, 'main', '  '),
    ...(r() < 0.5 ? [container(r, 'sidecar', '  ')] : []),
    '  volumes:',
    '  - name: data',
    '    emptyDir: {}',
  ].flatMap((l) => l.split('\n'));
  let body: string[];
  if (kind === 'Pod') body = podSpec;
  else {
    const tpl = ['template:', '  metadata:', '    labels:', `      app.kubernetes.io/name: ${name}`, ...podSpec.map((l) => `  ${l}`)];
    if (kind === 'CronJob') body = ['spec:', '  schedule: "*/5 * * * *"', '  jobTemplate:', '    spec:', ...tpl.map((l) => `      ${l}`)];
    else body = ['spec:', ...(kind === 'Job' ? [] : ['  replicas: 3', '  selector:', '    matchLabels:', `      app.kubernetes.io/name: ${name}`]), ...tpl.map((l) => `  ${l}`)];
  }
  return [...head, ...body].join('\n');
}

export function corpus(n: number, offset = 0): string {
  return Array.from({ length: n }, (_, i) => workloadDoc(i + offset)).join('\n---\n') + '\n';
}
