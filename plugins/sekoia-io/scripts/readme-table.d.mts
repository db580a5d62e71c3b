export const START: string;
export const END: string;
/** The Markdown table of the actions in `moduleDir`, sorted by name. */
export function renderActionsTable(moduleDir: string): string;
/** `readme` with the text between the markers replaced by the table of `moduleDir`. */
export function withActionsTable(readme: string, moduleDir: string): string;
