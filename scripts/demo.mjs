#!/usr/bin/env node
// The self-contained demo: a local webhook receiver stands in for Mattermost, then the real
// `ply` CLI lists the modules and runs Mattermost's Post Message against the receiver.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli/dist/bundle/main.js', import.meta.url));

const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    process.stdout.write(`[webhook receiver] got ${req.method} ${req.url}\n[webhook receiver] ${body}\n`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/hooks/demo-hook`;

/** Runs the CLI without blocking this process, which must keep answering the webhook. */
function ply(args) {
  process.stdout.write(`\n$ ply ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    spawn(process.execPath, [cli, ...args], { stdio: 'inherit' }).on('exit', (code) => resolve(code ?? 1));
  });
}

let status = await ply(['modules']);
if (status === 0) {
  status = await ply(['run', 'mattermost.post_message', '--arg', 'message=Hello from Ply: alert ALxyz123 needs a look', '--arg', 'channel=soc', '--config', `hook_url=${hookUrl}`]);
}
receiver.close();
process.exitCode = status;
