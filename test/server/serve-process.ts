import { spawn, type ChildProcess } from 'node:child_process';
import { request, type Agent } from 'node:http';
import { vi } from 'vitest';

// Responses are read field by field in assertions; typing every body would add noise, not safety.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;
import { CLI, REPO_ROOT } from '../cli-helpers.js';

/** A `ply serve` child process started on a free port, with what its first lines said. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Printed on first start only. */
  adminToken: string | undefined;
  demoCommand: string | undefined;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
}

/**
 * Starts the built CLI's `ply serve --port 0` (or the command in `args`, e.g. `ply worker`) on
 * `home` and waits until it printed where it listens.
 */
export function startServe(home: string, env: Record<string, string> = {}, args: readonly string[] = ['serve', '--port', '0'], wrapper: readonly string[] = []): Promise<ServeProcess> {
  const started = process.hrtime.bigint();
  // `wrapper` runs the process under another command (e.g. `prlimit --fsize=…`).
  const command = [...wrapper, process.execPath, CLI, ...args];
  const child = spawn(command[0]!, command.slice(1), { cwd: REPO_ROOT, env: { ...process.env, PLY_HOME: home, PLY_LOG_LEVEL: 'error', ...env } });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ply serve did not start within 15 s:\n${text}`)), 15_000);
    const check = () => {
      if (!text.includes('press Ctrl+C to stop')) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      const url = /listening on (http:\/\/[^/\s]+)\//.exec(text)?.[1];
      if (!url) return reject(new Error(`no URL in:\n${text}`));
      resolve({
        child,
        url,
        adminToken: /admin API token \(shown once; keep it\): (\S+)/.exec(text)?.[1],
        demoCommand: /^\s*(curl -X POST .*)$/m.exec(text)?.[1],
        output: () => text,
        exited,
      });
      void started;
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`ply serve exited early:\n${text}`));
    });
  });
}

/** A JSON request with node:http (keep-alive agent), resolving with status and parsed body. */
export function httpJson(agent: Agent, url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: LooseJson }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(url, { method, agent, headers: { 'content-type': 'application/json', ...(payload ? { 'content-length': Buffer.byteLength(payload) } : {}), ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => {
        let json: unknown;
        try {
          json = data ? JSON.parse(data) : undefined;
        } catch {
          json = data;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `count` tasks with at most `limit` in flight. */
export async function bounded<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<Array<PromiseSettledResult<T>>> {
  const results: Array<PromiseSettledResult<T>> = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/** A small client of a served runtime API with one token. */
export function apiClient(agent: Agent, url: string, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  return {
    call: (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => httpJson(agent, `${url}${path}`, method, body, { ...auth, ...headers }),
    /** Every execution, paging through the list. */
    async executions(playbookId?: string): Promise<Array<{ id: string; status: string }>> {
      const all: Array<{ id: string; status: string }> = [];
      let before: string | undefined;
      for (;;) {
        const query = new URLSearchParams({ limit: '1000', ...(playbookId ? { playbook: playbookId } : {}), ...(before ? { before } : {}) });
        const page = await httpJson(agent, `${url}/api/v1/executions?${query}`, 'GET', undefined, auth);
        all.push(...(page.json.executions as Array<{ id: string; status: string }>));
        if (!page.json.next) return all;
        before = page.json.next as string;
      }
    },
    /** Waits until the execution has ended and returns it. */
    finished(id: string, timeoutMs = 10_000): Promise<LooseJson> {
      return vi.waitFor(
        async () => {
          const { json } = await httpJson(agent, `${url}/api/v1/executions/${id}`, 'GET', undefined, auth);
          if (!json.status || json.status === 'running' || json.status === 'queued') throw new Error(`execution ${id} still ${json.status}`);
          return json as LooseJson;
        },
        { timeout: timeoutMs, interval: 50 },
      );
    },
  };
}
