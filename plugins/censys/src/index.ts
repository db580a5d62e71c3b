import { getReportAction } from './get-report.action.js';
import { censys } from './module.js';
import { searchAction } from './search.action.js';
import { viewItemAction } from './view-item.action.js';

export default censys.plugin({ actions: [searchAction, viewItemAction, getReportAction] });
