import { posix } from 'node:path';
import type { DocCell, DocPage } from './doc-page.js';

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');

function cell(value: DocCell, from: string): string {
  if (typeof value === 'string') return escapeCell(value);
  const href = `${posix.relative(posix.dirname(from), value.page) || posix.basename(value.page)}.md${value.anchor ? `#${value.anchor}` : ''}`;
  return `[${escapeCell(value.text).replace(/[[\]]/g, '\\$&')}](${encodeURI(href)})`;
}

/** A page as GitHub-flavoured Markdown; headings with anchors get an explicit `<a id>`. */
export function renderMarkdown(page: DocPage): string {
  const parts = [`# ${page.title}`];
  for (const block of page.blocks) {
    if (block.kind === 'heading') {
      parts.push(`${block.anchor ? `<a id="${block.anchor}"></a>\n\n` : ''}${'#'.repeat(block.level)} ${block.text}`);
    } else if (block.kind === 'paragraph') {
      parts.push(block.text);
    } else {
      const lines = [`| ${block.head.join(' | ')} |`, `| ${block.head.map(() => '---').join(' | ')} |`];
      for (const row of block.rows) lines.push(`| ${row.map((value) => cell(value, page.path)).join(' | ')} |`);
      parts.push(lines.join('\n'));
    }
  }
  return `${parts.join('\n\n')}\n`;
}
