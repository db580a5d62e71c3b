// `pnpm link-cli`: puts `ply` on the PATH, as a link from npm's global bin folder (where
// `npm i -g pnpm` put pnpm) to this checkout's built CLI. Run after `pnpm build`; run again after
// moving the checkout. Honours npm's prefix (`npm_config_prefix`).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli/dist/bundle/main.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`no built CLI at ${cli}: run \`pnpm build\` first\n`);
  process.exit(1);
}
const prefix = execFileSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).trim();
const binDir = process.platform === 'win32' ? prefix : join(prefix, 'bin');
mkdirSync(binDir, { recursive: true });
const link = join(binDir, 'ply');
try {
  if (lstatSync(link)) rmSync(link);
} catch {
  // no previous link
}
symlinkSync(cli, link);
const onPath = (process.env.PATH ?? '').split(':').includes(binDir);
process.stdout.write(`linked ${link} -> ${cli}${onPath ? '' : `\n${binDir} is not on your PATH: add it (export PATH="${binDir}:$PATH")`}\n`);
