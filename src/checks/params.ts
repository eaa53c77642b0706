// Parameter schemas shared by several checks, with Azure's names and descriptions.
import { z } from 'zod';
import { once } from '../core/rule.js';

// Functions, each building its schema once on first call: checks build their parameters only when a run reads them.
export const excludedContainers = once(() => z.array(z.string()).default([])
  .describe('Container names to leave out of this check (exact, case-sensitive match on the name).'));
export const excludedImages = once(() => z.array(z.string()).default([])
  .describe('Images to leave out of this check: exact string, or a prefix when the entry ends with "*". No normalisation: "nginx" does not match "docker.io/library/nginx*".'));

export const containerExclusions = once(() => ({ excludedContainers: excludedContainers(), excludedImages: excludedImages() }));
