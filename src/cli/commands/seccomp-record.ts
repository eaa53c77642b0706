// `mamori seccomp record`: write the logging profile, then collect one container's seccomp log records into an allow-list profile.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { setExitCode } from '../exit-code.js';
import { UsageError } from '../../core/errors.js';
import { collect } from '../options.js';
import { writeOutputFile } from '../output-file.js';
import { forEachLine } from '../../seccomp/line-stream.js';
import { generateProfile } from '../../seccomp/generate.js';
import { profileToJson, profileToSpoYaml } from '../../seccomp/write.js';
import { loggingProfile, Recording, recordingGaps, type ExitedPolicy, type RecordSelector } from '../../seccomp/record.js';
import { followKmsg, KmsgError, kmsgNow, liftPrintkRatelimit, parseContainerId, parsePodUid, printkRatelimit, procAttribute, stillIn, type Scope } from '../../seccomp/record-live.js';
import { formatRecordText, recordReport } from '../../seccomp/record-report.js';
import { ARCHES, isArch, nativeArch, type Arch } from '../../seccomp/syscall-table.js';
import { seccompWiring } from '../../apparmor/wiring.js';

interface RecordFlags {
  logProfile?: string; format: 'oci' | 'spo';
  container?: string; podUid?: string; cgroup?: string; pid?: string[]; comm?: string[]; exe?: string[]; all?: boolean;
  since?: string; until?: string; duration?: string; untilExit?: boolean; liftRatelimit?: boolean;
  output?: string; spo?: string; report?: string; name?: string; namespace?: string;
  exited: ExitedPolicy; runtime: 'runc' | 'crun' | 'none'; add?: string[]; arch?: string[]; errno: string; quiet?: boolean;
}

/** Epoch seconds, or an ISO 8601 date. */
function parseTime(flag: string, v: string): number {
  if (/^\d{1,12}(?:\.\d{1,9})?$/.test(v)) return Number(v);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} ${v}: expected epoch seconds or an ISO 8601 date such as 2026-11-30T21:00:00Z`);
  return ms / 1000;
}

function scopeOf(f: RecordFlags): Scope | null {
  const given = [f.container, f.podUid, f.cgroup].filter((x) => x !== undefined);
  if (given.length > 1) throw new UsageError('name the container one way: --container, --pod-uid or --cgroup');
  if (f.container !== undefined) {
    const id = parseContainerId(f.container);
    if (!id) throw new UsageError(`--container ${f.container}: expected a container ID (12 to 64 hex digits, optionally containerd://...) as kubectl get pod -o jsonpath='{.status.containerStatuses[*].containerID}' prints it`);
    return { kind: 'container', id };
  }
  if (f.podUid !== undefined) {
    const uid = parsePodUid(f.podUid);
    if (!uid) throw new UsageError(`--pod-uid ${f.podUid}: expected a UID such as kubectl get pod -o jsonpath='{.metadata.uid}' prints`);
    return { kind: 'pod', uid };
  }
  if (f.cgroup !== undefined) {
    if (!f.cgroup.startsWith('/')) throw new UsageError(`--cgroup ${f.cgroup}: expected a path as /proc/PID/cgroup shows it, starting with /`);
    return { kind: 'cgroup', path: f.cgroup };
  }
  return null;
}

function selectorOf(f: RecordFlags): RecordSelector {
  const pids = (f.pid ?? []).flatMap((p) => p.split(',')).map((p) => {
    if (!/^\d{1,10}$/.test(p.trim())) throw new UsageError(`--pid ${p}: expected a process ID`);
    return Number(p.trim());
  });
  const s: RecordSelector = {};
  if (pids.length) s.pids = new Set(pids);
  if (f.comm?.length) s.comms = new Set(f.comm);
  if (f.exe?.length) s.exes = new Set(f.exe);
  if (f.since !== undefined) s.since = parseTime('--since', f.since);
  if (f.until !== undefined) s.until = parseTime('--until', f.until);
  return s;
}

function describe(scope: Scope | null, s: RecordSelector): string {
  const parts: string[] = [];
  if (scope?.kind === 'container') parts.push(`container ${scope.id.slice(0, 12)}`);
  if (scope?.kind === 'pod') parts.push(`Pod ${scope.uid}`);
  if (scope?.kind === 'cgroup') parts.push(`cgroup ${scope.path}`);
  if (s.pids) parts.push(`pid ${[...s.pids].join(',')}`);
  if (s.comms) parts.push(`comm ${[...s.comms].join(',')}`);
  if (s.exes) parts.push(`exe ${[...s.exes].join(',')}`);
  return parts.length ? parts.join(', ') : 'every process logged';
}

function parseArches(v: string[] | undefined): Arch[] | undefined {
  if (!v?.length) return undefined;
  return v.map((a) => {
    const k = a === 'amd64' ? 'x86_64' : a === 'arm64' ? 'aarch64' : a;
    if (!isArch(k)) throw new UsageError(`--arch ${a}: expected one of ${ARCHES.join(', ')}`);
    return k;
  });
}

/** Follows /dev/kmsg until a signal, --duration, or (with --until-exit) the container's last process is gone. */
async function followLive(rec: Recording, scope: Scope | null, f: RecordFlags, keepLifted: (() => void) | null, since: number): Promise<void> {
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const timers: NodeJS.Timeout[] = [];
  if (f.duration !== undefined) timers.push(setTimeout(stop, Number(f.duration) * 1000));
  if (keepLifted) timers.push(setInterval(keepLifted, 100));
  if (f.untilExit && scope) {
    let quiet = 0;
    timers.push(setInterval(() => {
      // one second with no live process of the container after it was heard from: it has finished
      quiet = rec.heard > 0 && ![...rec.processes.keys()].some((pid) => stillIn(scope, pid)) ? quiet + 1 : 0;
      if (quiet >= 4) stop();
    }, 250));
  }
  if (!f.quiet) process.stderr.write(`mamori: recording from /dev/kmsg; stop with Ctrl-C${f.untilExit ? ' or when the container exits' : ''}${f.duration ? ` or after ${f.duration} s` : ''}\n`);
  try {
    await followKmsg((line) => rec.line(line, '/dev/kmsg'), (n) => rec.logOverwritten(n), ac.signal, since);
  } finally {
    for (const t of timers) clearTimeout(t);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function readSources(rec: Recording, sources: string[]): Promise<string[]> {
  const errors: string[] = [];
  for (const s of sources) {
    try {
      if (s === '-') await forEachLine(process.stdin, (l) => rec.line(l, '<stdin>'));
      else await forEachLine(createReadStream(s, { highWaterMark: 1 << 20 }), (l) => rec.line(l, s));
    } catch (e) {
      errors.push(`mamori: ${s}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return errors;
}

export function recordCommand(): Command {
  return new Command('record')
    .description('record a workload\'s syscalls without strace: run it under a logging profile (--log-profile), then collect its seccomp audit records into a profile')
    .argument('[sources...]', 'where the records are: kmsg (default: /dev/kmsg, followed live), a saved dmesg / journalctl -k / audit.log / ausearch -i file, or - for stdin (e.g. tail -F audit.log)')
    .option('--log-profile <file>', 'step 1: write the profile that logs every syscall (defaultAction SCMP_ACT_LOG) and exit')
    .option('--container <id>', 'the recorded container, by runtime ID (containerd://… as the Pod status shows it)')
    .option('--pod-uid <uid>', 'every container of this Pod')
    .option('--cgroup <path>', 'processes in this cgroup (as /proc/PID/cgroup shows it) or below')
    .option('--pid <pids>', 'only these host process IDs (repeatable, comma-separated)', collect)
    .option('--comm <name>', 'only records with this comm (repeatable)', collect)
    .option('--exe <path>', 'only records with this exe, as the container sees it (repeatable)', collect)
    .option('--all', 'keep every process logged under a logging profile (when nothing else on the node uses one)')
    .option('--since <time>', 'ignore records before this time (epoch seconds or ISO 8601)')
    .option('--until <time>', 'ignore records after this time')
    .option('--duration <seconds>', 'with kmsg: stop after this many seconds')
    .option('--until-exit', 'with kmsg and a container: stop once its processes have all exited')
    .option('--lift-ratelimit', 'with kmsg: set kernel.printk_ratelimit=0 while recording (without auditd the kernel otherwise drops most records), restored after')
    .addOption(new Option('--exited <policy>', 'records of container processes that exited before mamori could read their cgroup: auto keeps them when no process outside the container logged meanwhile').choices(['auto', 'keep', 'drop']).default('auto'))
    .addOption(new Option('-f, --format <format>', 'format of --log-profile').choices(['oci', 'spo']).default('oci'))
    .option('-o, --output <file>', 'write the recorded profile as OCI JSON (default: standard output)')
    .option('--spo <file>', 'also write it as a Security Profiles Operator SeccompProfile')
    .option('--report <file>', 'write the report (what was recorded, what could not be seen) as JSON')
    .option('--name <name>', 'profile name (SPO metadata.name, the wiring hint)')
    .option('--namespace <ns>', 'SPO metadata.namespace')
    .addOption(new Option('--runtime <runtime>', 'add a runtime\'s post-filter syscalls (the recording already holds the ones the runtime made)').choices(['runc', 'crun', 'none']).default('none'))
    .option('--add <syscalls>', 'syscalls to allow in addition (repeatable, comma-separated)', collect)
    .option('--arch <arch>', `architectures to list (default: the node's: x86_64 x86 x32, or aarch64)`, collect)
    .option('--errno <n>', 'errno returned by refused calls', '1')
    .option('-q, --quiet', 'print no report')
    .addHelpText('after', `
Steps:
  mamori seccomp record --log-profile /var/lib/kubelet/seccomp/mamori-record.json
  # run the workload with seccompProfile {type: Localhost, localhostProfile: mamori-record.json}
  mamori seccomp record --lift-ratelimit --container containerd://3f2a… --until-exit -o app.json --spo app.yaml
`)
    .action(async (sources: string[], f: RecordFlags, self: Command) => {
      const native = nativeArch();
      if (f.logProfile !== undefined) {
        const p = loggingProfile(native);
        const name = f.name ?? basename(f.logProfile).replace(/\.[^.]*$/, '');
        writeOutputFile(f.logProfile, f.format === 'spo' ? profileToSpoYaml(p, name, f.namespace) : profileToJson(p));
        if (!f.quiet) process.stderr.write(`mamori: wrote ${f.logProfile}: it allows and logs every syscall; run the workload under it, then record:\n  mamori seccomp record --container <ID> --until-exit -o profile.json\n\n${seccompWiring(basename(f.logProfile))}`);
        setExitCode(self, 0);
        return;
      }
      const errno = Number(f.errno);
      if (!Number.isInteger(errno) || errno < 0 || errno > 4095) throw new UsageError(`--errno ${f.errno}: expected an integer 0..4095`);
      if (f.duration !== undefined && !/^\d{1,7}(?:\.\d{1,3})?$/.test(f.duration)) throw new UsageError(`--duration ${f.duration}: expected seconds`);
      const scope = scopeOf(f);
      const selector = selectorOf(f);
      if (!scope && !selector.pids && !selector.comms && !selector.exes && !f.all) {
        throw new UsageError('say whose records to keep: --container, --pod-uid, --cgroup, --pid, --comm or --exe (or --all)');
      }
      const live = sources.length === 0 || (sources.length === 1 && sources[0] === 'kmsg');
      if (sources.includes('kmsg') && !live) throw new UsageError('kmsg is followed live and cannot be mixed with files');
      if ((f.untilExit || f.duration !== undefined || f.liftRatelimit) && !live) throw new UsageError('--until-exit, --duration and --lift-ratelimit apply to the live kmsg source only');
      if (f.untilExit && !scope) throw new UsageError('--until-exit needs --container, --pod-uid or --cgroup');
      const startedAt = Date.now() / 1000;
      const since = kmsgNow();
      const rec = new Recording(native, selector, scope ? procAttribute(scope) : null, live ? startedAt : null, f.exited);
      const readErrors: string[] = [];
      const ratelimit = printkRatelimit();
      if (live) {
        let lifted: ReturnType<typeof liftPrintkRatelimit> | null = null;
        try {
          lifted = f.liftRatelimit ? liftPrintkRatelimit() : null;
          await followLive(rec, scope, f, lifted ? lifted.keep : null, since);
        } catch (e) {
          if (e instanceof KmsgError) throw new UsageError(e.message);
          throw e;
        } finally { lifted?.restore(); }
      } else {
        readErrors.push(...await readSources(rec, sources));
      }
      rec.end();
      for (const e of readErrors) process.stderr.write(`${e}\n`);
      for (const e of rec.collector.errors) process.stderr.write(`mamori: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);

      const arches = parseArches(f.arch) ?? (live ? (native === 'x86_64' ? ['x86_64', 'x86', 'x32'] as Arch[] : [native]) : undefined);
      const g = generateProfile(rec.collector, {
        ...(arches ? { arches } : {}), runtime: f.runtime, defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: errno, extra: (f.add ?? []).flatMap((a) => a.split(',')), source: 'recording',
      });
      const lifted = f.liftRatelimit ? 0 : ratelimit;
      const gaps = recordingGaps(rec, { printkRatelimit: lifted, readsKernelLog: live || sources.some((s) => !s.includes('audit')) });
      const report = recordReport(rec, g, { sources: live ? ['/dev/kmsg'] : sources, selection: describe(scope, selector), gaps });
      if (f.report) writeOutputFile(f.report, `${JSON.stringify(report, null, 2)}\n`);
      if (!f.quiet) process.stderr.write(formatRecordText(report));
      if (rec.tally.kept === 0) {
        process.stderr.write('mamori: no seccomp log records of the selected processes (is the workload running under the --log-profile profile, and are the records reaching this source?); no profile written\n');
        setExitCode(self, 2);
        return;
      }
      const name = f.name ?? (f.output ? basename(f.output).replace(/\.[^.]*$/, '') : 'recorded');
      const json = profileToJson(g.profile);
      if (f.output) writeOutputFile(f.output, json);
      if (f.spo) writeOutputFile(f.spo, profileToSpoYaml(g.profile, name, f.namespace));
      if (!f.output && !f.spo) process.stdout.write(json);
      if (!f.quiet && f.output) process.stderr.write(`\n${seccompWiring(f.name ?? basename(f.output))}`);
      setExitCode(self, readErrors.length || rec.collector.errors.length ? 2 : 0);
    });
}
