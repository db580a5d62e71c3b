import { linkDevicesToConfigurationAction, retrieveManagedConfigurationsAction } from './configurations.actions.js';
import { isolateDevicesAction, scanDevicesAction, sendActionAction, stopIsolationAction, uninstallProtectionAction } from './device-commands.actions.js';
import {
  retrieveDeviceProtectionStatusAction,
  retrieveDevicesAction,
  retrieveEncryptionStatusAction,
  retrievePatchManagementStatusAction,
  retrieveUnmanagedDevicesAction,
} from './devices.actions.js';
import { panda } from './module.js';
import { countSecurityEventsAction, getSecurityEventsAction, retrieveSecurityOverviewAction } from './security-events.actions.js';
import { securityEventsTrigger } from './security-events.trigger.js';

export default panda.plugin({
  actions: [
    retrieveDevicesAction,
    retrieveUnmanagedDevicesAction,
    retrieveDeviceProtectionStatusAction,
    retrieveEncryptionStatusAction,
    retrievePatchManagementStatusAction,
    retrieveManagedConfigurationsAction,
    linkDevicesToConfigurationAction,
    getSecurityEventsAction,
    countSecurityEventsAction,
    retrieveSecurityOverviewAction,
    isolateDevicesAction,
    stopIsolationAction,
    sendActionAction,
    uninstallProtectionAction,
    scanDevicesAction,
  ],
  triggers: [securityEventsTrigger],
});
