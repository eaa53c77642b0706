// A profile: which checks run, with which effects, parameters and namespace exclusions by default.
import type { Effect, Text } from '../core/report.js';

export interface ProfilePolicy {
  effect?: Effect;
  parameters?: Record<string, unknown>;
  /** replaces the profile-wide excludedNamespaces for this policy */
  excludedNamespaces?: string[];
}

export interface Profile {
  name: string;
  description: Text;
  /** namespaces excluded whatever the configuration says */
  alwaysExcludedNamespaces: string[];
  excludedNamespaces: string[];
  policies: Record<string, ProfilePolicy>;
  /** Kubernetes version the profile judges by, for version-aware checks */
  version?: string;
}
