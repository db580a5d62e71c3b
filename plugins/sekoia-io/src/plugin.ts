import type { PluginDefinition } from '@ply/core';
import { commentAlert } from './alerts/comment-alert.action.js';
import { activateCountermeasure, denyCountermeasure } from './alerts/countermeasure.action.js';
import { editAlert } from './alerts/edit-alert.action.js';
import { getAlert } from './alerts/get-alert.action.js';
import { searchAlerts } from './alerts/search-alerts.action.js';
import { updateAlertStatusByName } from './alerts/update-alert-status-by-name.action.js';
import { updateAlertStatus } from './alerts/update-alert-status.action.js';
import { addAttributeToAsset } from './assets/add-attribute-to-asset.action.js';
import { addKeyToAsset } from './assets/add-key-to-asset.action.js';
import { createAssetV2 } from './assets/create-asset-v2.action.js';
import { createAsset } from './assets/create-asset.action.js';
import { deleteAssetV2 } from './assets/delete-asset-v2.action.js';
import { deleteAsset } from './assets/delete-asset.action.js';
import { getAssetV2 } from './assets/get-asset-v2.action.js';
import { getAsset } from './assets/get-asset.action.js';
import { listAssetsV2 } from './assets/list-assets-v2.action.js';
import { listAssets } from './assets/list-assets.action.js';
import { mergeAssets } from './assets/merge-assets.action.js';
import { updateAsset } from './assets/update-asset.action.js';
import { addEventsToCase } from './cases/add-events-to-case.action.js';
import { attachAlertsToCase } from './cases/attach-alerts-to-case.action.js';
import { commentCase } from './cases/comment-case.action.js';
import { createCase } from './cases/create-case.action.js';
import { deleteCase } from './cases/delete-case.action.js';
import { editCase } from './cases/edit-case.action.js';
import { getCase } from './cases/get-case.action.js';
import { listCaseComments } from './cases/list-case-comments.action.js';
import { removeEventFromCase } from './cases/remove-event-from-case.action.js';
import { searchCases } from './cases/search-cases.action.js';
import { createGetEventFieldCommonValues } from './events/get-event-field-common-values.action.js';
import { createGetEvents } from './events/get-events.action.js';
import type { SearchJobLimits } from './events/search-job-limits.js';
import type { ChunkLimits } from './intake/intake-chunks.js';
import type { IntakeSendOptions } from './intake/intake-client.js';
import { createPushEventsToIntake } from './intake/push-events-to-intake.action.js';
import { addToIocCollection } from './intelligence/add-to-ioc-collection.action.js';
import { getContext } from './intelligence/get-context.action.js';
import { uploadObservables } from './intelligence/upload-observables.action.js';
import type { LiveApiOptions } from './liveapi/liveapi-options.js';
import { sekoia } from './module.js';
import { createAlertEventsThresholdTrigger } from './triggers/alert-events-threshold.trigger.js';
import { createAlertTriggers } from './triggers/alert-triggers.js';
import { createCaseTriggers } from './triggers/case-triggers.js';
import type { FeedOptions } from './triggers/feed-options.js';
import { createFeedTriggers } from './triggers/feed-triggers.js';
import { manualTrigger } from './triggers/manual.trigger.js';
import type { ThresholdOptions } from './triggers/threshold-options.js';
import { getCustomPriority, getCustomStatus, getCustomVerdict } from './workspace/custom-levels.action.js';
import { getCommunity } from './workspace/get-community.action.js';
import { getEntity } from './workspace/get-entity.action.js';
import { getIntake } from './workspace/get-intake.action.js';

/** Waits and bounds of the long-running items; the defaults are the reference's. */
export interface SekoiaIoPluginOptions {
  searchJob?: SearchJobLimits;
  intakeChunks?: ChunkLimits;
  intakeSend?: IntakeSendOptions;
  liveApi?: LiveApiOptions;
  feed?: FeedOptions;
  threshold?: ThresholdOptions;
}

/**
 * The Sekoia.io plugin. Options change only timing and bounds (never the generated JSON), so
 * tests can wait milliseconds where the reference waits minutes.
 */
export function createSekoiaIoPlugin(options: SekoiaIoPluginOptions = {}): PluginDefinition {
  return sekoia.plugin({
    actions: [
      // Alerts
      getAlert,
      searchAlerts,
      editAlert,
      commentAlert,
      updateAlertStatus,
      updateAlertStatusByName,
      activateCountermeasure,
      denyCountermeasure,
      // Cases
      createCase,
      getCase,
      editCase,
      searchCases,
      commentCase,
      listCaseComments,
      addEventsToCase,
      removeEventFromCase,
      deleteCase,
      attachAlertsToCase,
      // Assets
      listAssets,
      listAssetsV2,
      getAsset,
      getAssetV2,
      createAsset,
      createAssetV2,
      updateAsset,
      mergeAssets,
      deleteAsset,
      deleteAssetV2,
      addAttributeToAsset,
      addKeyToAsset,
      // Events and intakes
      createGetEvents(options.searchJob),
      createGetEventFieldCommonValues(options.searchJob),
      createPushEventsToIntake({ ...(options.intakeChunks ? { chunks: options.intakeChunks } : {}), ...(options.intakeSend ? { send: options.intakeSend } : {}) }),
      // Intelligence
      getContext,
      addToIocCollection,
      uploadObservables,
      // Configuration getters
      getEntity,
      getCommunity,
      getIntake,
      getCustomStatus,
      getCustomPriority,
      getCustomVerdict,
    ],
    triggers: [
      ...createAlertTriggers(options.liveApi),
      createAlertEventsThresholdTrigger(options.threshold),
      ...createCaseTriggers(options.liveApi),
      manualTrigger,
      ...createFeedTriggers(options.feed),
    ],
  });
}
