// The fake server's PowerShell, after the published cmdlets it stands for:
// https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.localaccounts/ (Set-LocalUser, Enable-LocalUser, Disable-LocalUser).
/** A local account of the fake server. */
export interface LocalUser {
  name: string;
  sid: string;
  enabled: boolean;
  password: string;
}

/** What the fake's PowerShell did: each cmdlet with the data it received, and the lines it could not read. */
export interface ScriptRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  cmdlets: Array<{ cmdlet: string; values: string[]; password?: string }>;
  unreadable: string[];
}

const DATA = /^\[System\.Text\.Encoding\]::UTF8\.GetString\(\[System\.Convert\]::FromBase64String\('([A-Za-z0-9+/]*={0,2})'\)\)$/;

/** PowerShell's CLIXML error stream (what `powershell -EncodedCommand` writes to stderr under WinRM). */
export function clixmlError(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">${escaped}_x000D__x000A_</S></Objs>`;
}

function dataValue(expression: string): string | undefined {
  const match = DATA.exec(expression.trim());
  return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : undefined;
}

function dataArray(expression: string): string[] | undefined {
  const match = /^@\((.*)\)$/.exec(expression.trim());
  if (!match) return undefined;
  const values = match[1]!.split(/,\s*/).map(dataValue);
  return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
}

/**
 * Runs the only scripts the plugin writes, statement by statement, as PowerShell with
 * `$ErrorActionPreference = 'Stop'` would: variables hold data (base64 decoded at run time) and
 * the LocalAccounts cmdlets (Set-LocalUser, Enable-LocalUser, Disable-LocalUser) act on the
 * fake's accounts with Windows' error messages. A line it cannot read is recorded and fails the
 * script with a parser error: an argument that became code would show up here.
 */
export function runFakePowerShell(script: string, users: Map<string, LocalUser>): ScriptRun {
  const run: ScriptRun = { exitCode: 0, stdout: '', stderr: '', cmdlets: [], unreadable: [] };
  const variables = new Map<string, string | string[]>();
  const fail = (message: string) => {
    run.exitCode = 1;
    run.stderr = clixmlError(message);
    return run;
  };
  const find = (key: string, by: 'Name' | 'SID') => [...users.values()].find((user) => (by === 'Name' ? user.name.toLowerCase() === key.toLowerCase() : user.sid.toUpperCase() === key.toUpperCase()));
  for (const line of script.split('\n')) {
    let match: RegExpExecArray | null;
    if (/^\$(ErrorActionPreference|ProgressPreference) = '(Stop|SilentlyContinue)'$/.test(line)) continue;
    if ((match = /^\$password = ConvertTo-SecureString -String \((.*)\) -AsPlainText -Force$/.exec(line)) && dataValue(match[1]!) !== undefined) {
      variables.set('password', dataValue(match[1]!)!);
      continue;
    }
    if ((match = /^\$(\w+) = (.*)$/.exec(line))) {
      const value = dataValue(match[2]!) ?? dataArray(match[2]!);
      if (value !== undefined) {
        variables.set(match[1]!, value);
        continue;
      }
    }
    if (/^Set-LocalUser -Name \$name -Password \$password$/.test(line)) {
      const name = String(variables.get('name'));
      const password = String(variables.get('password'));
      run.cmdlets.push({ cmdlet: 'Set-LocalUser', values: [name], password });
      const user = find(name, 'Name');
      if (!user) return fail(`Set-LocalUser : User ${name} was not found.`);
      if (password.length < 8) return fail('Set-LocalUser : Unable to update the password. The value provided for the new password does not meet the length, complexity, or history requirements of the domain.');
      user.password = password;
      continue;
    }
    if ((match = /^(Enable|Disable)-LocalUser -(Name|SID) \$(names|sids)$/.exec(line)) && Array.isArray(variables.get(match[3]!))) {
      const values = variables.get(match[3]!) as string[];
      const by = match[2] as 'Name' | 'SID';
      run.cmdlets.push({ cmdlet: `${match[1]}-LocalUser`, values });
      for (const value of values) {
        const user = find(value, by);
        if (!user) return fail(`${match[1]}-LocalUser : User ${value} was not found.`);
        user.enabled = match[1] === 'Enable';
      }
      continue;
    }
    run.unreadable.push(line);
    return fail(`At line:1 char:1\r\n+ ${line}\r\nThe term is not recognized or the statement is incomplete (ParserError).`);
  }
  return run;
}
