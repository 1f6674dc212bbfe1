/**
 * Load generator for bench/submit.bench.ts (plain JavaScript: worker threads do not inherit tsx's loader on
 * Node 20). Runs in a worker thread so that the clients do not share the server's event loop.
 *
 * `concurrency` closed-loop clients, each with its own keep-alive connection, take the next draft and send
 * POST /api/v1/applications/{id}/submit with the citizen's session cookie, CSRF header and an Idempotency-Key,
 * until every draft is sent or the time limit passes.
 *
 * Job:    { base, concurrency, timeLimitMs, items: { id, cookie, csrf, key }[] }
 * Result: per item sent, in the order answers arrived: index, latency (ms), HTTP status (0 = network error),
 *         when the answer arrived (ms from the start), and the acknowledged submittedAt; plus elapsedMs, errors.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const BODY = '{}';

function submit(agent, base, item) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(`/api/v1/applications/${item.id}/submit`, base), {
      method: 'POST', agent, timeout: 60_000,
      headers: {
        accept: 'application/json', 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY),
        cookie: item.cookie, 'x-csrf-token': item.csrf, 'idempotency-key': item.key,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 60 s')));
    req.on('error', reject);
    req.end(BODY);
  });
}

/** @param {{ base: string, concurrency: number, timeLimitMs: number, items: { id: string, cookie: string, csrf: string, key: string }[] }} job */
async function run(job) {
  // one keep-alive socket per client, as 200 browsers would have
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const result = { index: [], latencyMs: [], status: [], atMs: [], submittedAt: [], elapsedMs: 0, errors: [], bodies: [] };
  const started = performance.now();
  let next = 0;
  const client = async () => {
    while (next < job.items.length && performance.now() - started < job.timeLimitMs) {
      const i = next++;
      const t = performance.now();
      let status = 0;
      let submittedAt = '';
      try {
        const r = await submit(agent, job.base, job.items[i]);
        status = r.status;
        if (status === 200 || status === 201) submittedAt = JSON.parse(r.body).submittedAt ?? '';
        else if (result.bodies.length < 5) result.bodies.push(`${status} ${r.body.slice(0, 300)}`);
      } catch (err) {
        if (result.errors.length < 10) result.errors.push(err instanceof Error ? err.message : String(err));
      }
      const now = performance.now();
      result.index.push(i);
      result.latencyMs.push(now - t);
      result.status.push(status);
      result.atMs.push(now - started);
      result.submittedAt.push(submittedAt);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
}

parentPort?.postMessage(await run(workerData));
