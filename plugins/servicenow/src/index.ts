import { addNote } from './add-note.action.js';
import { attachFile } from './attach-file.action.js';
import { createIncident } from './create-incident.action.js';
import { getTable } from './get-table.action.js';
import { serviceNow } from './module.js';
import { updateRecord } from './update-record.action.js';

export default serviceNow.plugin({ actions: [getTable, createIncident, updateRecord, addNote, attachFile] });
