// (i) Issue #21 item 3: `/api/v1/health` latency of a `ply serve` (the built CLI in a child
// process) while webhooks whose templates loop over their data are being handled, against the
// same server idle, in the same run. Renders past 20,000 steps go to a worker thread, so the
// ratio stays near 1; with renders on the event loop, health waited for each render (0.1 to 2 s).
import { Agent } from 'node:http';
import { freePort, get, post, startServe, stop } from './serve.bench.mjs';
import { percentile, row } from './stats.mjs';

const LOOP = '{% for a in trigger.xs %}{% for b in trigger.xs %}{% endfor %}{% endfor %}';
const HEAVY = {
  name: 'Bench: webhook → heavy templates',
  trigger: { type: 'webhook', next: ['work'] },
  // Eight renders of about 400,000 steps each (under the 1,000,000 bound).
  nodes: { work: { type: 'store', set: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, `${LOOP}{{ trigger.xs | length }}`])) } },
};
const XS = Array.from({ length: 600 }, (_, i) => i);

async function healthLatencies(agent, base, count) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const answer = await get(agent, `${base}/api/v1/health`);
    if (answer.status !== 200) throw new Error(`health answered ${answer.status}`);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return latencies;
}

export async function heavyRenderBenchmarks({ samples = 300 } = {}) {
  // With a timeout the agent drops an idle socket a second before the server's Keep-Alive hint
  // (node:http's 5 s); without one it keeps it and may send on it as the server closes it (ECONNRESET).
  const agent = new Agent({ keepAlive: true, timeout: 60_000 });
  const served = await startServe(await freePort());
  const { base } = served;
  const auth = { authorization: `Bearer ${/admin API token \(shown once; keep it\): (\S+)/.exec(served.output)[1]}` };
  const created = await post(agent, `${base}/api/v1/playbooks?enable=true`, JSON.stringify(HEAVY), auth);
  if (created.status !== 201) throw new Error(created.body);
  const playbookId = JSON.parse(created.body).id;
  const hook = await get(agent, `${base}/api/v1/playbooks/${playbookId}/webhook`, auth);
  const running = async () => (await get(agent, `${base}/api/v1/executions?playbook=${playbookId}&status=running&limit=1`, auth)).json.executions.length > 0;

  await healthLatencies(agent, base, 50); // warm-up
  const idle = await healthLatencies(agent, base, samples);

  // One heavy webhook after another, so that one is always being rendered while health is measured.
  let feeding = true;
  let runs = 0;
  const feeder = (async () => {
    while (feeding) {
      const answer = await post(agent, `${base}${hook.json.path}`, { xs: XS }, { 'x-ply-token': hook.json.token });
      if (answer.status !== 202) throw new Error(answer.body);
      runs += 1;
      while (feeding && (await running())) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const deadline = Date.now() + 30_000;
  while (!(await running())) {
    // Renders on the event loop would finish before the server answers: never seen running.
    if (Date.now() > deadline) throw new Error('no heavy run was seen running within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const busy = await healthLatencies(agent, base, samples);
  const stillRunning = await running();
  feeding = false;
  await feeder;
  await stop(served.child);
  agent.destroy();

  process.stdout.write(`\n(i) /api/v1/health while webhooks' templates work (${samples} sequential requests each, issue #21 item 3)\n`);
  row('idle: p50 / p99', `${percentile(idle, 50).toFixed(2)} / ${percentile(idle, 99).toFixed(2)}`, ' ms');
  row(`heavy renders running (${runs} runs): p50 / p99`, `${percentile(busy, 50).toFixed(2)} / ${percentile(busy, 99).toFixed(2)}`, ' ms');
  row('p99 ratio, heavy renders / idle', (percentile(busy, 99) / percentile(idle, 99)).toFixed(2), '×');
  row('a heavy run was still running after the last sample', String(stillRunning));
}
