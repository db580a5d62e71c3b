import { getCommentsAction, postCommentAction } from './comments.actions.js';
import { livehuntNotificationFilesTrigger } from './livehunt-notifications.trigger.js';
import { virustotal } from './module.js';
import { scanDomainAction } from './scan-domain.action.js';
import { scanFileAction } from './scan-file.action.js';
import { scanHashAction } from './scan-hash.action.js';
import { scanIpAction } from './scan-ip.action.js';
import { scanUrlAction } from './scan-url.action.js';

export default virustotal.plugin({
  actions: [scanFileAction, scanHashAction, scanUrlAction, scanDomainAction, scanIpAction, postCommentAction, getCommentsAction],
  triggers: [livehuntNotificationFilesTrigger],
});
