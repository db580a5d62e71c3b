import { mispToStixAction } from './misp-to-stix.action.js';
import { misp } from './module.js';
import { newEventTrigger } from './new-event.trigger.js';
import { publishEventAction } from './publish-event.action.js';

export default misp.plugin({ actions: [publishEventAction, mispToStixAction], triggers: [newEventTrigger] });
