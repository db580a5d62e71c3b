import { whois } from './module.js';
import { whoisAction } from './whois.action.js';

export default whois.plugin({ actions: [whoisAction] });
