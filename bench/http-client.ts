/**
 * The benchmark's GraphQL client, run as a child process of bench/run.ts: a frontend is
 * another process, and a client in the server's own process would spend the server's event
 * loop on parsing each response (hundreds of kilobytes for the browse query) and count that
 * as the server's latency.
 *
 * Receives { url, token, query, variables, runs, statementHeader }; sends back the times (ms,
 * from sending the request to the parsed JSON) and the statement counts the server reported,
 * after one warm-up request that is not counted.
 */
interface Job {
  url: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  runs: number;
  statementHeader: string;
}

async function post(job: Job): Promise<number> {
  const response = await fetch(job.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${job.token}` },
    body: JSON.stringify({ query: job.query, variables: job.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  return Number(response.headers.get(job.statementHeader) ?? NaN);
}

process.on("message", (job: Job) => {
  void (async () => {
    try {
      await post(job);
      const times: number[] = [];
      const statements: number[] = [];
      for (let i = 0; i < job.runs; i++) {
        const started = process.hrtime.bigint();
        statements.push(await post(job));
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      process.send!({ times, statements });
    } catch (error) {
      process.send!({ error: (error as Error).message });
    }
  })();
});
