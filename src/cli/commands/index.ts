// Every sub-command of mamori, in the order `mamori --help` lists them.
import type { Command } from 'commander';
import { register as scan } from './scan.js';
import { register as policies } from './policies.js';
import { register as serve } from './serve.js';
import { register as audit } from './audit.js';
import { register as rbac } from './rbac.js';
import { register as versions } from './versions.js';
import { register as fix } from './fix.js';
import { register as seccomp } from './seccomp.js';
import { register as apparmor } from './apparmor.js';
import { register as exportCmd } from './export.js';

export type Register = (program: Command) => void;
export const commands: Register[] = [scan, policies, serve, audit, rbac, versions, fix, seccomp, apparmor, exportCmd];
