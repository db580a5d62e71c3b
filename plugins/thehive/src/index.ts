import { addComment } from './add-comment.action.js';
import { addObservable } from './add-observable.action.js';
import { createAlert } from './create-alert.action.js';
import { getAlert } from './get-alert.action.js';
import { theHive } from './module.js';
import { uploadLogs } from './upload-logs.action.js';

export default theHive.plugin({ actions: [createAlert, addComment, addObservable, uploadLogs, getAlert] });
