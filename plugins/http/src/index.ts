import { downloadFileAction } from './download-file.action.js';
import { http } from './module.js';
import { requestUrlAction } from './request-url.action.js';

export default http.plugin({ actions: [requestUrlAction, downloadFileAction] });
