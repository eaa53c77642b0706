// Changes several checks make (Defender, PSS, NSA), each with its risk and reason stated once.
import { t, type ChangeSpec } from './types.js';

/** The token change, shared by the Defender and NSA checks. */
export const DISABLE_TOKEN: ChangeSpec = {
  id: 'disable-token-automount',
  change: t('set spec.automountServiceAccountToken: false', 'spec.automountServiceAccountToken: false を設定'),
  risk: 'may-break',
  why: t(
    'The pod loses its API token: a program that calls the Kubernetes API (controllers, operators, CSI sidecars, DNS) stops working, and so does one that only reads the token (Vault\'s Kubernetes auth, discovery, TokenReview), even when no role is bound to its account.',
    'Pod は API トークンを失う。Kubernetes API を呼ぶプログラム（コントローラー、オペレーター、CSI サイドカー、DNS）は動かなくなる。トークンを読むだけのプログラム（Vault の Kubernetes 認証、ディスカバリー、TokenReview）も、そのアカウントにロールが割り当てられていなくても動かなくなる。',
  ),
  needs: t(
    'Check that the program does not call the Kubernetes API (or mount a projected token for it).',
    'プログラムが Kubernetes API を呼ばないこと（呼ぶなら projected トークンをマウントすること）を確認する。',
  ),
};

/** allowPrivilegeEscalation: false, shared by the Defender, PSS and NSA checks. */
export const NO_ESCALATION: ChangeSpec = {
  id: 'set-allow-privilege-escalation-false',
  change: t('set securityContext.allowPrivilegeEscalation: false', 'securityContext.allowPrivilegeEscalation: false を設定'),
  risk: 'may-break',
  why: t(
    'setuid and file-capability programs (sudo, su, ping on old images) run by a non-root user stop gaining privileges and fail; the API server refuses the value on a privileged container or one that adds CAP_SYS_ADMIN.',
    '非 root ユーザーが実行する setuid やファイルに付与された Linux 機能を使うプログラム（sudo、su、古いイメージの ping）は権限を得られなくなり失敗する。特権コンテナーや CAP_SYS_ADMIN を追加するコンテナーでは API サーバーがこの値を拒否する。',
  ),
  needs: t('Check that the program does not rely on setuid binaries.', 'プログラムが setuid バイナリに頼っていないことを確認する。'),
};

/** runAsNonRoot: true, shared by the Defender, PSS and NSA checks. */
export const RUN_AS_NON_ROOT: ChangeSpec = {
  id: 'set-run-as-non-root',
  change: t('set securityContext.runAsNonRoot: true', 'securityContext.runAsNonRoot: true を設定'),
  risk: 'evidence',
  why: t(
    'Image user unknown: if the image runs as root (no USER, or USER 0), the kubelet refuses to start the container ("container has runAsNonRoot and image will run as root").',
    'イメージのユーザーが不明。イメージが root で動く（USER なし、または USER 0）と kubelet はコンテナーを起動しない。',
  ),
  evidence: t('the effective runAsUser of every container is set and non-zero', 'すべてのコンテナーの実効 runAsUser が設定済みで 0 以外'),
  needs: t(
    'Set runAsUser to the image\'s non-root uid, e.g. --set runAsUser=10001, after checking the image works as that user.',
    'イメージの非 root の uid を runAsUser に設定する（例: --set runAsUser=10001）。そのユーザーで動くことを先に確認する。',
  ),
};

/** seccompProfile RuntimeDefault, shared by the PSS and NSA checks. */
export const RUNTIME_DEFAULT: ChangeSpec = {
  id: 'set-seccomp-runtime-default',
  change: t('set spec.securityContext.seccompProfile.type: RuntimeDefault', 'spec.securityContext.seccompProfile.type: RuntimeDefault を設定'),
  risk: 'may-break',
  why: t(
    'A program that needs a syscall the runtime\'s default profile blocks (unshare, mount, keyctl, …) fails; one that creates a user namespace, as rootless builders and sandboxes do, fails even in a container that is neither privileged nor adds CAP_SYS_ADMIN.',
    'ランタイム既定プロファイルが禁止するシステム コール（unshare、mount、keyctl など）を使うプログラムは失敗する。rootless ビルダーやサンドボックスのようにユーザー名前空間を作るプログラムは、特権でなく CAP_SYS_ADMIN も追加しないコンテナーでも失敗する。',
  ),
  needs: t('Check that the program runs under the runtime\'s default seccomp profile.', 'プログラムがランタイム既定の seccomp プロファイルで動くことを確認する。'),
};

/** privileged: false, shared by the Defender, PSS and NSA checks. */
export const UNPRIVILEGE: ChangeSpec = {
  id: 'set-privileged-false',
  change: t('set securityContext.privileged: false', 'securityContext.privileged: false を設定'),
  risk: 'may-break',
  why: t(
    'The container loses host devices and every capability it has today: device plugins, CNI, storage and monitoring agents stop working.',
    'コンテナーはホストのデバイスと現在のすべての機能を失う。デバイス プラグイン・CNI・ストレージ・監視エージェントは動かなくなる。',
  ),
  needs: t('Check that the container uses no host device or privileged operation.', 'コンテナーがホストのデバイスや特権操作を使わないことを確認する。'),
};

/** Leaving the host's PID and IPC namespaces, shared by the Defender and PSS checks. */
export const LEAVE_HOST: ChangeSpec = {
  id: 'remove-host-namespaces',
  change: t('remove spec.hostPID, spec.hostIPC (and, for PSS, spec.hostNetwork)', 'spec.hostPID・spec.hostIPC（PSS では spec.hostNetwork も）を削除'),
  risk: 'may-break',
  why: t(
    'The pod stops seeing the node\'s processes (hostPID), shared memory (hostIPC) or network (hostNetwork): monitoring, debugging, networking and some storage agents need them.',
    'Pod はノードのプロセス（hostPID）・共有メモリ（hostIPC）・ネットワーク（hostNetwork）が見えなくなる。監視・デバッグ・ネットワーク・一部のストレージ エージェントはそれを必要とする。',
  ),
  needs: t('Check that the workload does not look at other processes or interfaces of the node.', 'ワークロードがノードの他のプロセスやインターフェースを参照しないことを確認する。'),
};

/** Dropping ALL capabilities, shared by the PSS and NSA checks. */
export const DROP_ALL: ChangeSpec = {
  id: 'drop-all-capabilities',
  change: t('set securityContext.capabilities.drop: [ALL]', 'securityContext.capabilities.drop: [ALL] を設定'),
  risk: 'may-break',
  why: t(
    'The container loses the default capabilities it has today (CHOWN, SETUID, NET_BIND_SERVICE, …): a program that uses one fails.',
    'コンテナーは現在の既定の機能（CHOWN・SETUID・NET_BIND_SERVICE など）を失う。それを使うプログラムは失敗する。',
  ),
  needs: t('Add back the capabilities the program needs (restricted allows only NET_BIND_SERVICE).', 'プログラムに必要な機能を add で戻す（restricted で許されるのは NET_BIND_SERVICE のみ）。'),
};
