import type { z } from 'zod';

/** Metadata every action, trigger and connector carries into its generated JSON file. */
export interface ItemMetadata<Args extends z.ZodType, Results extends z.ZodType> {
  /** Permanent id (keep the reference module's uuid when reimplementing one). */
  uuid: string;
  /** Snake-case id, unique per kind within the module. */
  slug: string;
  name: string;
  description: string;
  /** Arguments (for triggers and connectors: the item's own configuration). */
  arguments: Args;
  /** Shape of the results (actions) or of each emitted event (triggers). */
  results: Results;
  /**
   * Optional group in the Actions Library (`Getters`, `Setters`, `Notifications`,
   * `Data collection`, `Helpers`, `Third-party applications`).
   */
  group?: string;
  /**
   * Named outcomes of an action (Sekoia's `outputs`: `{ detected: 'The hash is detected by
   * antivirus vendors', ... }`), written to its JSON file. An action's `selectOutputs` says which
   * ones its results took, and each run reports them (`outputs` of the run's result).
   */
  outputs?: Readonly<Record<string, string>>;
}
