import { generatePasswordAction } from './generate-password.action.js';
import { getCurrentTimeAction } from './get-current-time.action.js';
import { groupbyAction } from './groupby.action.js';
import { utils } from './module.js';
import { readJsonFileAction } from './read-json-file.action.js';
import { readXmlFileAction } from './read-xml-file.action.js';
import { waitAction } from './wait.action.js';

export default utils.plugin({ actions: [readJsonFileAction, readXmlFileAction, groupbyAction, generatePasswordAction, getCurrentTimeAction, waitAction] });
