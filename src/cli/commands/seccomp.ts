// `mamori seccomp`: generate profiles from traces and audit logs, trace a command, lint, convert, diff and merge profiles.
import { readFileSync, mkdtempSync, rmSync, openSync, closeSync } from 'node:fs';
import { tmpdir, release } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command, Option } from 'commander';
import { setExitCode } from '../main.js';
import { UsageError } from '../../core/errors.js';
import { addOutputOptions, asFormat, collect, parseFailOn, useColor, failOnOption, langOption } from '../options.js';
import { renderReport } from '../../formatters/index.js';
import { exitCodeFor } from '../../scan/scan.js';
import type { InputError, Lang, Finding } from '../../core/report.js';
import { readTraceFd, readTraces } from '../../seccomp/read-traces.js';
import type { TraceCollector } from '../../seccomp/trace-reader.js';
import { generateProfile, type GenerateOptions } from '../../seccomp/generate.js';
import { profileToJson, profileToSpoYaml } from '../../seccomp/write.js';
import { parseProfileText, ProfileError, type LoadedProfile } from '../../seccomp/profile.js';
import { lintSeccomp, SECCOMP_RULES, type Runtime } from '../../seccomp/lint.js';
import { buildLintReport, toFinding } from '../../seccomp/report.js';
import { convertProfile, diffAgainstDefault, diffProfiles, isSuperset, mergeProfiles, type Target } from '../../seccomp/ops.js';
import { ARCHES, isArch, nativeArch, type Arch } from '../../seccomp/syscall-table.js';
import { RUNTIME_DEFAULT_VERSION } from '../../seccomp/data/runtime-default.js';
import { seccompWiring } from '../../apparmor/wiring.js';
import { writeOutputFile } from '../output-file.js';

interface GenFlags {
  format: 'oci' | 'spo'; name?: string; namespace?: string; arch?: string[]; runtime: 'runc' | 'crun' | 'none';
  defaultAction: 'errno' | 'log' | 'kill'; errno: string; add?: string[]; output?: string; quiet?: boolean;
}

function parseArches(v: string[] | undefined): Arch[] | undefined {
  if (!v?.length) return undefined;
  return v.map((a) => {
    const k = a === 'amd64' ? 'x86_64' : a === 'arm64' ? 'aarch64' : a === 'i386' || a === '386' ? 'x86' : a;
    if (!isArch(k)) throw new UsageError(`--arch ${a}: expected one of ${ARCHES.join(', ')}`);
    return k;
  });
}

function addGenerateOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'oci: Docker/OCI JSON; spo: Security Profiles Operator SeccompProfile YAML').choices(['oci', 'spo']).default('oci'))
    .option('--name <name>', 'profile name (SPO metadata.name and the wiring hint)')
    .option('--namespace <ns>', 'SPO metadata.namespace')
    .option('--arch <arch>', `architectures to list (repeatable: ${ARCHES.join(', ')}); default: those the trace showed`, collect)
    .addOption(new Option('--runtime <runtime>', 'add the syscalls this container runtime makes after installing the filter').choices(['runc', 'crun', 'none']).default('runc'))
    .addOption(new Option('--default-action <action>', 'what unlisted syscalls get: errno (enforce), log (record only), kill').choices(['errno', 'log', 'kill']).default('errno'))
    .option('--errno <n>', 'errno returned by refused calls (1 = EPERM, 38 = ENOSYS)', '1')
    .option('--add <syscalls>', 'syscalls to allow in addition (repeatable, comma-separated)', collect)
    .option('-o, --output <file>', 'write the profile to a file instead of standard output')
    .option('-q, --quiet', 'do not print the report of what was added and what the trace could not show');
}

function genOptions(f: GenFlags): GenerateOptions {
  const errno = Number(f.errno);
  if (!Number.isInteger(errno) || errno < 0 || errno > 4095) throw new UsageError(`--errno ${f.errno}: expected an integer 0..4095`);
  const arches = parseArches(f.arch);
  return {
    ...(arches ? { arches } : {}),
    runtime: f.runtime,
    defaultAction: f.defaultAction === 'log' ? 'SCMP_ACT_LOG' : f.defaultAction === 'kill' ? 'SCMP_ACT_KILL_PROCESS' : 'SCMP_ACT_ERRNO',
    defaultErrnoRet: errno,
    extra: f.add ?? [],
  };
}

/** Writes the generated profile and its report; returns the exit code. */
function emitGenerated(c: TraceCollector, f: GenFlags, fallbackName: string): number {
  const r = generateProfile(c, genOptions(f));
  const name = f.name ?? fallbackName;
  // the wiring names the file the user copies to the node: -o's, unless --name says otherwise
  const wiringName = f.name ?? (f.output ? basename(f.output) : fallbackName);
  for (const e of c.errors) process.stderr.write(`mamori: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
  const total = Object.values(r.observed).reduce((n, l) => n + l.length, 0);
  if (total === 0) {
    process.stderr.write('mamori: no syscalls found in the input (expected strace output, strace -c tables or seccomp audit records); no profile written\n');
    return 2;
  }
  const text = f.format === 'spo' ? profileToSpoYaml(r.profile, name, f.namespace) : profileToJson(r.profile);
  if (f.output) writeOutputFile(f.output, text);
  else process.stdout.write(text);
  if (!f.quiet) {
    const w = (s: string) => process.stderr.write(`${s}\n`);
    w(`mamori: ${c.stats.lines} lines read (${c.stats.syscallLines} syscall lines, ${c.stats.summaryRows} strace -c rows, ${c.stats.auditRecords} audit records)`);
    for (const [arch, names] of Object.entries(r.observed)) w(`  seen on ${arch}: ${names.length} syscalls`);
    if (r.added.runtime.length) w(`  added for the ${f.runtime} runtime: ${r.added.runtime.join(' ')}`);
    if (r.added.always.length) w(`  added because every program needs them: ${r.added.always.join(' ')}`);
    if (r.added.extra.length) w(`  added by --add: ${r.added.extra.join(' ')}`);
    for (const n of r.notes) w(`  note: ${n.file ? `${n.file}${n.line ? `:${n.line}` : ''}: ` : ''}${n.message}`);
    if (f.format === 'oci') w(`\n${seccompWiring(wiringName)}`);
  }
  return c.errors.length ? 2 : 0;
}

function loadProfileFile(file: string): LoadedProfile {
  let text: string;
  try { text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8'); } catch (e) {
    throw new UsageError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try { return parseProfileText(text); } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(`${file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${e.message}`);
    throw e;
  }
}

function kernelVersion(): string {
  const m = /^(\d+)\.(\d+)/.exec(release());
  return m ? `${m[1]}.${m[2]}` : '0.0';
}

/** Lints files into one report; unreadable or unparsable files become report errors (exit 2) while the rest are linted. */
function lintFiles(files: string[], runtime: Runtime, lang: Lang): ReturnType<typeof buildLintReport> {
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const rules = new Map(SECCOMP_RULES.map((r) => [r.id, r]));
  for (const file of files) {
    let text: string;
    try { text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8'); } catch (e) {
      errors.push({ file, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    let lp: LoadedProfile;
    try { lp = parseProfileText(text); } catch (e) {
      if (e instanceof ProfileError) { errors.push({ file, line: e.line, message: e.message }); continue; }
      throw e;
    }
    for (const raw of lintSeccomp(lp, { runtime, size: Buffer.byteLength(text) })) findings.push(toFinding(raw, rules, 'SeccompProfile', file, lang));
  }
  return buildLintReport({ profile: `seccomp-lint:${runtime}`, lang, findings, errors, files: files.length, rules: SECCOMP_RULES });
}

export function register(program: Command): void {
  const seccomp = new Command('seccomp').description('generate, trace, lint, convert, diff and merge seccomp profiles');

  const generate = addGenerateOptions(new Command('generate')
    .description('build an allow-list profile from strace output (any decoration), strace -c tables or seccomp audit logs')
    .argument('[traces...]', 'trace or log files (-ff per-pid files too); - or nothing reads stdin'))
    .addHelpText('after', '\nExamples:\n  strace -f -n -o app.trace ./app && mamori seccomp generate app.trace -o app.json\n  mamori seccomp generate --format spo --name web /var/log/audit/audit.log\n')
    .action(async (traces: string[], f: GenFlags, self: Command) => {
      if (traces.length === 0) {
        if (process.stdin.isTTY) throw new UsageError('seccomp generate: name trace files, or - for stdin');
        traces = ['-'];
      }
      const c = await readTraces(traces, nativeArch());
      setExitCode(self, emitGenerated(c, f, traces[0] === '-' ? 'profile' : basename(traces[0]!).replace(/\.[^.]*$/, '')));
    });

  const trace = addGenerateOptions(new Command('trace')
    .description('run a command under strace -f -n and generate its profile in one step')
    .argument('<command...>', 'the command and its arguments (put them after --)'))
    .option('--keep-trace <file>', 'keep the raw strace output in this file')
    .action(async (argv: string[], f: GenFlags & { keepTrace?: string }, self: Command) => {
      const which = spawnSync('strace', ['-V'], { encoding: 'utf8' });
      if (which.error) throw new UsageError('seccomp trace needs strace (Debian/Ubuntu: apt-get install strace)');
      const dir = mkdtempSync(join(tmpdir(), 'mamori-trace-'));
      const out = f.keepTrace ?? join(dir, 'trace');
      let fd: number | undefined;
      try {
        // The traced program runs as the user and can write in this directory: mamori reads back only the file it created for strace.
        fd = openSync(out, f.keepTrace ? 'w+' : 'wx+', 0o600);
        const run = spawnSync('strace', ['-f', '-n', '-qq', '-o', out, '--', ...argv], { stdio: 'inherit' });
        if (run.error) throw new UsageError(`cannot run strace: ${run.error.message}`);
        if (run.status !== 0) process.stderr.write(`mamori: the traced command exited with ${run.status ?? run.signal}; the profile covers what it did until then\n`);
        const c = await readTraceFd(fd, out, nativeArch());
        setExitCode(self, emitGenerated(c, f, basename(argv[0]!)));
      } finally {
        if (fd !== undefined) closeSync(fd);
        rmSync(dir, { recursive: true, force: true });
      }
    });

  const lint = addOutputOptions(new Command('lint')
    .description('check seccomp profiles (JSON, or SPO SeccompProfile YAML) for mistakes runtimes silently accept')
    .argument('<profiles...>', 'profile files; - reads stdin'))
    .addOption(new Option('--runtime <runtime>', 'the runtime that loads the profile (containerd ignores Docker-only keys)').choices(['containerd', 'cri-o', 'docker']).default('containerd'))
    .addOption(failOnOption().default('low'))
    .addOption(langOption('language of titles'))
    .action((files: string[], f: { runtime: Runtime; format: string; output?: string; color?: boolean; failOn: string; lang: Lang }, self: Command) => {
      const report = lintFiles(files, f.runtime, f.lang);
      const text = renderReport(report, asFormat(f.format), { lang: f.lang, color: useColor(f), rules: SECCOMP_RULES });
      if (f.output) writeOutputFile(f.output, text); else process.stdout.write(text);
      for (const e of report.errors) process.stderr.write(`mamori: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
      setExitCode(self, exitCodeFor(report, parseFailOn(f.failOn)));
    });

  const convert = new Command('convert')
    .description('convert a profile: legacy name -> names, and between dialects (oci, docker, containers, spo), warning for each dropped feature')
    .argument('<profile>', 'profile file; - reads stdin')
    .addOption(new Option('--to <dialect>', 'target dialect; oci is what containerd loads').choices(['oci', 'docker', 'containers', 'spo']).default('oci'))
    .option('--arch <arch>', 'node architecture used to expand archMap and arch conditions', nativeArch())
    .option('--caps <caps>', 'capabilities the container has, for Docker includes/excludes caps conditions', collect)
    .option('--kernel <X.Y>', 'node kernel version for minKernel conditions', kernelVersion())
    .option('--name <name>', 'metadata.name for --to spo')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((file: string, f: { to: Target; arch: string; caps?: string[]; kernel: string; name?: string; output?: string }, self: Command) => {
      const lp = loadProfileFile(file);
      const arch = parseArches([f.arch])![0]!;
      const r = convertProfile(lp.profile, { to: f.to, arch, caps: f.caps ?? [], kernel: f.kernel });
      const text = f.to === 'spo' ? profileToSpoYaml(r.profile, f.name ?? lp.crdName ?? basename(file).replace(/\.[^.]*$/, '')) : profileToJson(r.profile);
      if (f.output) writeOutputFile(f.output, text); else process.stdout.write(text);
      for (const w of r.warnings) process.stderr.write(`mamori: warning: ${w}\n`);
      setExitCode(self, 0);
    });

  const diff = new Command('diff')
    .description('syscalls added and removed per architecture between two profiles, or against the runtime default')
    .argument('<profiles...>', 'OLD NEW, or one profile with --against runtime-default')
    .addOption(new Option('--against <baseline>', 'compare one profile with a shipped baseline').choices(['runtime-default']))
    .option('--json', 'print JSON')
    .action((files: string[], f: { against?: string; json?: boolean }, self: Command) => {
      const native = nativeArch();
      if (f.against) {
        if (files.length !== 1) throw new UsageError('diff --against takes exactly one profile');
        const d = diffAgainstDefault(loadProfileFile(files[0]!).profile, native);
        if (f.json) process.stdout.write(`${JSON.stringify({ baseline: RUNTIME_DEFAULT_VERSION, arches: d }, null, 2)}\n`);
        else {
          process.stdout.write(`baseline: RuntimeDefault (${RUNTIME_DEFAULT_VERSION})\n`);
          for (const a of d) {
            process.stdout.write(`${a.arch}: ${a.looser.length} allowed beyond RuntimeDefault, ${a.stricter.length} RuntimeDefault allows that this profile refuses\n`);
            for (const l of a.looser) process.stdout.write(`  + ${l.name}${l.defaultCondition ? `   (RuntimeDefault: ${l.defaultCondition})` : '   (RuntimeDefault refuses)'}\n`);
            for (const s of a.stricter) process.stdout.write(`  - ${s}\n`);
          }
        }
        setExitCode(self, d.some((a) => a.looser.length) ? 1 : 0);
        return;
      }
      if (files.length !== 2) throw new UsageError('diff takes two profiles (OLD NEW), or one with --against runtime-default');
      const d = diffProfiles(loadProfileFile(files[0]!).profile, loadProfileFile(files[1]!).profile, native);
      if (f.json) process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
      else for (const a of d) {
        process.stdout.write(`${a.arch}: +${a.added.length} -${a.removed.length}\n`);
        for (const n of a.added) process.stdout.write(`  + ${n}\n`);
        for (const n of a.removed) process.stdout.write(`  - ${n}\n`);
      }
      setExitCode(self, d.some((a) => a.added.length || a.removed.length) ? 1 : 0);
    });

  const merge = new Command('merge')
    .description('union of several profiles (per container, replica or test run)')
    .argument('<profiles...>', 'profile files')
    .option('--check', 'do not merge: exit 1 when the first profile does not already allow everything the others allow')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['oci', 'spo']).default('oci'))
    .option('--name <name>', 'metadata.name for --format spo', 'merged')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((files: string[], f: { check?: boolean; format: string; name: string; output?: string }, self: Command) => {
      if (files.length < 2) throw new UsageError('merge needs at least two profiles');
      const ps = files.map((x) => loadProfileFile(x).profile);
      if (f.check) {
        const r = isSuperset(ps[0]!, ps.slice(1), nativeArch());
        for (const m of r.missing) process.stdout.write(`${files[0]} lacks on ${m.arch}: ${m.added.join(' ')}\n`);
        setExitCode(self, r.ok ? 0 : 1);
        return;
      }
      const r = mergeProfiles(ps);
      const text = f.format === 'spo' ? profileToSpoYaml(r.profile, f.name) : profileToJson(r.profile);
      if (f.output) writeOutputFile(f.output, text); else process.stdout.write(text);
      for (const w of r.warnings) process.stderr.write(`mamori: warning: ${w}\n`);
      setExitCode(self, 0);
    });

  seccomp.addCommand(generate);
  seccomp.addCommand(trace);
  seccomp.addCommand(lint);
  seccomp.addCommand(convert);
  seccomp.addCommand(diff);
  seccomp.addCommand(merge);
  program.addCommand(seccomp);
}

