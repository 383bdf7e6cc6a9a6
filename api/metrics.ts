import http from 'node:http';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

// The API's own metrics for operators, in Prometheus' text format on a port of their own
// (ORDERFLOW_METRICS_PORT), never on the public API: requests by route and status, and their
// latency. The worker's come from the Temporal SDK (ORDERFLOW_WORKER_METRICS_ADDRESS, worker/main.ts).

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'orderflow_api_requests_total',
    help: 'API requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'orderflow_api_request_duration_seconds',
    help: 'Time to answer an API request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts each answered request under its route's pattern (`/orders/:id/events`), never its raw path. */
  readonly record: RequestHandler = (req, res, next) => {
    const stop = this.latency.startTimer();
    res.on('finish', () => {
      const route = req.route ? String(req.route.path) : 'unmatched';
      this.requests.inc({ method: req.method, route, status: res.statusCode });
      stop({ method: req.method, route });
    });
    next();
  };

  /** Serves GET /metrics on its own port; resolves once listening. */
  serve(port: number, host: string): Promise<http.Server> {
    const server = http.createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') return void res.writeHead(404).end();
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  }
}
