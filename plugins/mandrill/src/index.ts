import { mandrill } from './module.js';
import { sendMessageAction } from './send-message.action.js';

export default mandrill.plugin({ actions: [sendMessageAction] });
