import { PlyError } from '@ply/core/errors';

/** All of stdin as text, without the one newline `echo` or a here-string adds. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed (raw mode: each key arrives as it is pressed). */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (keys: string) => {
      for (const key of keys) {
        if (key === '\r' || key === '\n') return done();
        if (key === '\u0003' || key === '\u0004') return done(new PlyError('PLY_INVALID_INPUT', 'password entry cancelled'));
        if (key === '\u007f' || key === '\b') typed = typed.slice(0, -1);
        else typed += key;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A new password: from stdin with `--password-stdin` (for scripts), else asked twice on the
 * terminal. Never from an option, which would leave it in the shell history and `ps`.
 */
export async function readNewPassword(options: { passwordStdin?: boolean }): Promise<string> {
  if (options.passwordStdin) return readStdin();
  if (!process.stdin.isTTY) throw new PlyError('PLY_INVALID_INPUT', 'no terminal to ask for the password on: pass it on stdin with --password-stdin');
  const password = await askHidden('Password: ');
  const again = await askHidden('Password (again): ');
  if (password !== again) throw new PlyError('PLY_INVALID_INPUT', 'the two passwords differ');
  return password;
}
