import { createIocsAction } from './create-iocs.action.js';
import { downloadFileAction } from './download-file.action.js';
import { devicesConnector } from './devices.connector.js';
import { deisolateAgentAction, deisolateGroupAction, isolateAgentAction, isolateGroupAction } from './isolation.actions.js';
import { listNamedPipesAction, listNamedPipesDeprecatedAction, listProcessesAction, listProcessesDeprecatedAction } from './list-jobs.actions.js';
import { harfanglab } from './module.js';
import { getAgentTelemetryAction, hostnameByIpAction } from './telemetry.actions.js';
import { addCommentToThreatAction, updateThreatStatusAction } from './threat.actions.js';

export default harfanglab.plugin({
  actions: [
    isolateAgentAction,
    deisolateAgentAction,
    isolateGroupAction,
    deisolateGroupAction,
    getAgentTelemetryAction,
    hostnameByIpAction,
    listProcessesAction,
    listProcessesDeprecatedAction,
    listNamedPipesAction,
    listNamedPipesDeprecatedAction,
    downloadFileAction,
    addCommentToThreatAction,
    updateThreatStatusAction,
    createIocsAction,
  ],
  connectors: [devicesConnector],
});
