import { createAlert } from './create-alert.action.js';
import { theHive4 } from './module.js';

export default theHive4.plugin({ actions: [createAlert] });
