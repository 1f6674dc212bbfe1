/**
 * Load generator for bench/catalog.bench.ts (plain JavaScript: worker threads do not inherit tsx's loader on
 * Node 20). Runs in a worker thread so that the clients do not share the server's event loop.
 * `concurrency` closed-loop clients over keep-alive connections send the given paths in order (each client takes
 * the next one) until all are sent or the time limit passes. Job and result: see LoadJob / LoadResult there.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** @returns {Promise<number>} the HTTP status */
function get(agent, url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: 30_000, headers: { accept: 'application/json' } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
  });
}

/** @param {{ base: string, paths: string[], concurrency: number, timeLimitMs: number }} job */
async function run(job) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const result = { index: [], latencyMs: [], status: [], elapsedMs: 0, errors: [] };
  const started = performance.now();
  let next = 0;
  const client = async () => {
    while (next < job.paths.length && performance.now() - started < job.timeLimitMs) {
      const i = next++;
      const t = performance.now();
      let status = 0;
      try {
        status = await get(agent, new URL(job.paths[i], job.base));
      } catch (err) {
        if (result.errors.length < 10) result.errors.push(err instanceof Error ? err.message : String(err));
      }
      result.index.push(i);
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
