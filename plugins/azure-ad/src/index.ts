import { deleteApp } from './delete-app.action.js';
import { disableUser } from './disable-user.action.js';
import { enableUser } from './enable-user.action.js';
import { getSignIns } from './get-signins.action.js';
import { getUserAuthenticationMethods } from './get-user-authentication-methods.action.js';
import { getUser } from './get-user.action.js';
import { graphEventsConnector } from './graph-events.connector.js';
import type { PollingOptions } from './graph-events.js';
import { graphEventsTrigger } from './graph-events.trigger.js';
import { azureAd } from './module.js';
import { resetUserPasswordV2 } from './reset-user-password-v2.action.js';
import { resetUserPassword } from './reset-user-password.action.js';
import { revokeSignIn } from './revoke-sign-in.action.js';
import { userAssetsConnector } from './user-assets.connector.js';

export type { PollingOptions as AzureAdPluginOptions } from './graph-events.js';

/** The plugin with its polling items' options (tests shorten the wait between polls). */
export function createAzureAdPlugin(options: PollingOptions = {}) {
  return azureAd.plugin({
    actions: [getUser, enableUser, disableUser, getSignIns, getUserAuthenticationMethods, revokeSignIn, resetUserPassword, resetUserPasswordV2, deleteApp],
    triggers: [graphEventsTrigger(options)],
    connectors: [graphEventsConnector(options), userAssetsConnector(options)],
  });
}

export default createAzureAdPlugin();
