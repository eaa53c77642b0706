// What a formatter needs to know of each rule (check): enough for SARIF's rule table and JUnit's suite names.
import type { Severity, Text } from '../model/types.js';

export interface RuleMeta {
  id: string;
  title: Text;
  description: Text;
  remediation: Text;
  severity: Severity;
  helpUri?: string;
  tags?: string[];
}
