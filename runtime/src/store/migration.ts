/**
 * One schema change of the store. `version` numbers are consecutive from 1 and never reused;
 * a released migration is never edited (write a new one instead).
 */
export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  sql: string;
}
