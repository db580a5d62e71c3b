import './kit-errors.js';

export { lintModule, lintTree, isLintTarget, type LintOptions, type LintReport } from './lint/module-linter.js';
export { formatFinding } from './lint/format-finding.js';
export type { LintFinding, LintSeverity } from './lint/lint-finding.js';
export { actionsLibraryFiles } from './docs/library-files.js';
export { actionsLibraryPages, type DocumentedModule } from './docs/actions-library.js';
export { LIBRARY_GROUPS, DEFAULT_MODULE_GROUP, moduleGroup, itemGroup } from './docs/library-groups.js';
export type { DocPage, DocBlock, DocCell } from './docs/doc-page.js';
export { packPlugin, packFileName, type PackResult } from './packing/plugin-packer.js';
export { bundlePlugin } from './packing/plugin-bundler.js';
export { scaffoldPlugin, scaffoldValues, PLUGIN_TEMPLATE_DIR, type ScaffoldOptions } from './scaffold/plugin-scaffold.js';
export { KIT_ERRORS } from './kit-errors.js';
export { renderItemsTable, withItemsTable, ITEMS_TABLE_START, ITEMS_TABLE_END } from './docs/readme-table.js';
