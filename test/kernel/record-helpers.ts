// Runs `mamori seccomp record` in the background for the live tests: waits until it reads the kernel log, then for its end.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repo } from './helpers.js';

export interface Recorder {
  /** resolves once mamori has opened the kernel log: records made after this are seen */
  ready: Promise<void>;
  done: Promise<{ status: number | null; stdout: string; stderr: string }>;
  stop: () => void;
}

/** Starts the recorder; it is killed after limitMs so a test can never hang on it. */
export function startRecorder(args: string[], limitMs = 90_000): Recorder {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'test', 'kernel', 'cli.ts'), 'seccomp', 'record', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => { onReady = resolve; });
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.includes('mamori: recording from')) onReady();
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (status) => { clearTimeout(limit); onReady(); resolve({ status, stdout, stderr }); });
  });
  return { ready, done, stop: () => { child.kill('SIGINT'); } };
}
