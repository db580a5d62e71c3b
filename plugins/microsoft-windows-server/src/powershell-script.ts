/**
 * A value as PowerShell data, never as code: the base64 of its UTF-8 bytes inside a single-quoted
 * literal, decoded when the script runs. The base64 alphabet has no quote, `$`, backtick, `;` or
 * newline, so no value (`"; Remove-Item ...`, `$(...)`, a quote of any kind) can end the literal.
 */
export function psData(value: string): string {
  return `[System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('${Buffer.from(value, 'utf8').toString('base64')}'))`;
}

/** A PowerShell array of data values. */
export function psDataArray(values: readonly string[]): string {
  return `@(${values.map(psData).join(', ')})`;
}

/**
 * The command line that runs a script: `powershell -EncodedCommand <base64 of its UTF-16LE text>`, as
 * the reference runs it (the command line then holds flags and base64 only, nothing cmd.exe reads).
 * Errors stop the script (`$ErrorActionPreference = 'Stop'`), so a failure is exit code 1 with the
 * error on stderr.
 */
export function encodedCommand(lines: readonly string[]): { command: string; args: string[] } {
  const script = ["$ErrorActionPreference = 'Stop'", "$ProgressPreference = 'SilentlyContinue'", ...lines].join('\n');
  return { command: 'powershell', args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')] };
}

/** `Set-LocalUser -Password`: the new password converted to a SecureString from data. */
export function changePasswordScript(user: string, password: string): string[] {
  return [`$name = ${psData(user)}`, `$password = ConvertTo-SecureString -String (${psData(password)}) -AsPlainText -Force`, 'Set-LocalUser -Name $name -Password $password'];
}

/** `Enable-LocalUser` / `Disable-LocalUser` by names or by SIDs. */
export function accountStateScript(verb: 'Enable' | 'Disable', target: { users: readonly string[] } | { sids: readonly string[] }): string[] {
  return 'users' in target ? [`$names = ${psDataArray(target.users)}`, `${verb}-LocalUser -Name $names`] : [`$sids = ${psDataArray(target.sids)}`, `${verb}-LocalUser -SID $sids`];
}
