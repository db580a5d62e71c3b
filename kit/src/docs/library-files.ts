import type { DocumentedModule } from './actions-library.js';
import { actionsLibraryPages } from './actions-library.js';
import { renderHtml } from './html-renderer.js';
import { renderMarkdown } from './markdown-renderer.js';

/**
 * The Actions Library as files (relative path -> content): `index.md`, `modules/<slug>.md` and the
 * same pages as `.html`, side by side.
 */
export function actionsLibraryFiles(modules: DocumentedModule[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const page of actionsLibraryPages(modules)) {
    files.set(`${page.path}.md`, renderMarkdown(page));
    files.set(`${page.path}.html`, renderHtml(page));
  }
  return files;
}
