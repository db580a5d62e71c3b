import { posix } from 'node:path';
import type { DocCell, DocPage } from './doc-page.js';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}`;

function cell(value: DocCell, from: string): string {
  if (typeof value === 'string') return escapeHtml(value);
  const href = `${posix.relative(posix.dirname(from), value.page) || posix.basename(value.page)}.html${value.anchor ? `#${value.anchor}` : ''}`;
  return `<a href="${escapeHtml(encodeURI(href))}">${escapeHtml(value.text)}</a>`;
}

/** A page as a standalone HTML document (no scripts; every text escaped) the web console can serve as is. */
export function renderHtml(page: DocPage): string {
  const body: string[] = [`<h1>${escapeHtml(page.title)}</h1>`];
  for (const block of page.blocks) {
    if (block.kind === 'heading') {
      body.push(`<h${block.level}${block.anchor ? ` id="${escapeHtml(block.anchor)}"` : ''}>${escapeHtml(block.text)}</h${block.level}>`);
    } else if (block.kind === 'paragraph') {
      body.push(`<p>${escapeHtml(block.text)}</p>`);
    } else {
      const head = block.head.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
      const rows = block.rows.map((row) => `<tr>${row.map((value) => `<td>${cell(value, page.path)}</td>`).join('')}</tr>`);
      body.push(`<table><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`);
    }
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)} · Ply</title><style>${STYLE}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
