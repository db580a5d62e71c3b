/** A table cell: text, or text linking to another page (`href` without extension, see renderers). */
export type DocCell = string | { text: string; page: string; anchor?: string };

/** One block of a documentation page, rendered the same way to Markdown and to HTML. */
export type DocBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string; anchor?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; head: string[]; rows: DocCell[][] };

/** A page of the Actions Library; `path` is relative to the output folder, without extension. */
export interface DocPage {
  path: string;
  title: string;
  blocks: DocBlock[];
}
