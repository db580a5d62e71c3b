/** How bad a finding is: errors fail `ply lint`, warnings are reported only. */
export type LintSeverity = 'error' | 'warning';

/** One problem `ply lint` found, located by file and JSON pointer. */
export interface LintFinding {
  severity: LintSeverity;
  /** Stable rule id (`uuid-format`, `secrets-exist`, ...), for filtering and docs. */
  rule: string;
  file: string;
  /** RFC 6901 pointer inside `file` (`''` is the whole file). */
  pointer: string;
  message: string;
}

/**
 * A defect before its severity is decided: in a plugin package (the author's own code) every
 * defect is an error; in a bare Sekoia.io module folder the defects the loader tolerates are
 * warnings (the reference ships some, and they do not stop it from loading).
 */
export type LintDefect = Omit<LintFinding, 'severity'> & { fatal?: boolean };
