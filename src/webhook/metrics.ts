// Prometheus metrics of the webhook (prom-client), on a registry of the server's own.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds; the admission path should sit in the first few buckets. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class Metrics {
  // Not prom-client's global registry: two servers in one process (the tests) keep their counts apart.
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'mamori_webhook_requests_total', help: 'HTTP requests by path and status code.', labelNames: ['path', 'code'] as const, registers: [this.registry] });
  readonly admissions = new Counter({ name: 'mamori_webhook_admission_reviews_total', help: 'AdmissionReviews answered, by operation, kind and verdict.', labelNames: ['operation', 'kind', 'allowed'] as const, registers: [this.registry] });
  readonly decisions = new Counter({ name: 'mamori_webhook_policy_violations_total', help: 'Open findings in answered AdmissionReviews, by policy and effect.', labelNames: ['policy', 'effect'] as const, registers: [this.registry] });
  readonly latency = new Histogram({ name: 'mamori_webhook_admission_duration_seconds', help: 'Time from the request arriving to the AdmissionReview answer, in seconds.', buckets: LATENCY_BUCKETS, registers: [this.registry] });

  constructor() {
    // The two process gauges mamori has always exported, under their old names (prom-client's defaults differ).
    new Gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', registers: [this.registry], collect() { this.set(process.memoryUsage().rss); } });
    new Gauge({ name: 'nodejs_heap_used_bytes', help: 'V8 heap in use, in bytes.', registers: [this.registry], collect() { this.set(process.memoryUsage().heapUsed); } });
  }

  /** The text exposition format, version 0.0.4. */
  render(): Promise<string> { return this.registry.metrics(); }
}
