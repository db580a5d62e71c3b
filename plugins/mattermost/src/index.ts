import { mattermost } from './module.js';
import { postAlert } from './post-alert.action.js';
import { postMessage } from './post-message.action.js';

export default mattermost.plugin({ actions: [postMessage, postAlert] });
