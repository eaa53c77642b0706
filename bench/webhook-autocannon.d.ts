// The part of autocannon's API the webhook benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram { average: number; mean: number; max: number; p50: number; p90: number; p99: number; p99_9: number }
  interface Options {
    url: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    connections?: number;
    duration?: number;
    overallRate?: number;
    timeout?: number;
    tlsOptions?: import('node:tls').ConnectionOptions;
  }
  interface Result { requests: Histogram; latency: Histogram; throughput: Histogram; errors: number; timeouts: number; non2xx: number }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
