import { deisolateEndpointAction, initScanAction, isolateEndpointAction } from './agent-actions.js';
import { alertsConnector, alertsTrigger } from './alerts.connector.js';
import { createIocsAction } from './create-iocs.action.js';
import { deepVisibilityConsumerConnector, deepVisibilityConsumerTrigger } from './deep-visibility-consumer.js';
import { queryDeepVisibilityAction } from './deep-visibility-query.action.js';
import { deviceAssetsConnector } from './device-assets.connector.js';
import { getMalwaresAction } from './get-malwares.action.js';
import { identityAlertsConnector } from './identity-alerts.connector.js';
import { sentinelone } from './module.js';
import { executeRemoteScriptAction } from './remote-script.action.js';
import { createThreatNoteAction, updateThreatIncidentAction } from './threat-actions.js';

export default sentinelone.plugin({
  actions: [isolateEndpointAction, deisolateEndpointAction, initScanAction, createThreatNoteAction, updateThreatIncidentAction, getMalwaresAction, executeRemoteScriptAction, queryDeepVisibilityAction, createIocsAction],
  triggers: [alertsTrigger, deepVisibilityConsumerTrigger],
  connectors: [alertsConnector, identityAlertsConnector, deviceAssetsConnector, deepVisibilityConsumerConnector],
});
