export { END, START, renderActionsTable, withActionsTable } from '../plugins/sekoia-io/scripts/readme-table.mjs';
