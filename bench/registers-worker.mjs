/**
 * Load generator for bench/registers.bench.ts (plain JavaScript: worker threads do not inherit tsx's loader on
 * Node 20). Like bench/load-worker.mjs, which it follows, but every request carries the session's cookie and the
 * clients run for a fixed time rather than through a list: `concurrency` closed-loop clients over keep-alive
 * connections send GET `path` until `durationMs` has passed. The response body is read whole and its size kept
 * (one sample), so a wrong answer (a login page, an empty list) shows in the report.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** @returns {Promise<{ status: number, bytes: number, body: string }>} */
function get(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: 30_000, headers: { accept: 'application/json', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, body: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
  });
}

/** @param {{ base: string, path: string, cookie: string, concurrency: number, durationMs: number }} job */
async function run(job) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.path, job.base);
  const headers = { cookie: job.cookie };
  const result = { latencyMs: [], status: [], elapsedMs: 0, errors: [], bytes: 0, sample: '', failedSample: '' };
  const started = performance.now();
  const client = async () => {
    while (performance.now() - started < job.durationMs) {
      const t = performance.now();
      let status = 0;
      try {
        const r = await get(agent, url, headers);
        status = r.status;
        if (!result.sample && status === 200) {
          result.sample = r.body.slice(0, 400);
          result.bytes = r.bytes;
        }
        if (status !== 200 && !result.failedSample) result.failedSample = `${status}: ${r.body.slice(0, 300)}`;
      } catch (err) {
        if (result.errors.length < 10) result.errors.push(err instanceof Error ? err.message : String(err));
      }
      result.latencyMs.push(performance.now() - t);
      result.status.push(status);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
}

parentPort?.postMessage(await run(workerData));
