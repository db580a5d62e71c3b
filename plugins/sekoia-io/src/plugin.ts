import { definePlugin, type PluginDefinition } from '@ply/core';
import { createAlertCommentCreatedTrigger } from './alert-comment-created.trigger.js';
import { createAlertCreatedTrigger } from './alert-created.trigger.js';
import { createAlertStatusChangedTrigger } from './alert-status-changed.trigger.js';
import { createAlertUpdatedTrigger } from './alert-updated.trigger.js';
import { addAttributeToAsset } from './add-attribute-to-asset.action.js';
import { addKeyToAsset } from './add-key-to-asset.action.js';
import { attachAlertsToCase } from './attach-alerts-to-case.action.js';
import { commentAlert } from './comment-alert.action.js';
import { sekoiaConfigurationSchema } from './configuration.js';
import { createAssetV2 } from './create-asset-v2.action.js';
import { createAsset } from './create-asset.action.js';
import { deleteAssetV2 } from './delete-asset-v2.action.js';
import { deleteAsset } from './delete-asset.action.js';
import { editAlert } from './edit-alert.action.js';
import { getAlert } from './get-alert.action.js';
import { createGetEventFieldCommonValues } from './get-event-field-common-values.action.js';
import { createGetEvents } from './get-events.action.js';
import type { ChunkLimits } from './intake-chunks.js';
import type { IntakeSendOptions } from './intake-client.js';
import type { LiveApiOptions } from './liveapi-client.js';
import { listAssetsV2 } from './list-assets-v2.action.js';
import { listAssets } from './list-assets.action.js';
import { createPushEventsToIntake } from './push-events-to-intake.action.js';
import type { SearchJobLimits } from './search-job-limits.js';
import { searchAlerts } from './search-alerts.action.js';
import { updateAlertStatusByName } from './update-alert-status-by-name.action.js';
import { updateAlertStatus } from './update-alert-status.action.js';

/** Waits and bounds of the long-running actions; the defaults are the reference's. */
export interface SekoiaIoPluginOptions {
  searchJob?: SearchJobLimits;
  intakeChunks?: ChunkLimits;
  intakeSend?: IntakeSendOptions;
  liveApi?: LiveApiOptions;
}

/**
 * The Sekoia.io plugin. Options change only timing and bounds (never the generated JSON), so
 * tests can wait milliseconds where the reference waits minutes.
 */
export function createSekoiaIoPlugin(options: SekoiaIoPluginOptions = {}): PluginDefinition {
  return definePlugin({
    module: {
      uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a',
      slug: 'sekoia.io',
      name: 'Sekoia.io',
      description:
        'Sekoia.io is a European Cybertech, expert in intelligence-based eXtended Detection and Response solutions. Read and change alerts, cases, assets and events of the Sekoia SOC platform.',
      categories: ['Generic'],
      configuration: sekoiaConfigurationSchema,
      engines: { ply: '>=0.1.0 <1.0.0' },
    },
    actions: {
      'get-event-field-common-values': createGetEventFieldCommonValues(options.searchJob),
      'get-events': createGetEvents(options.searchJob),
      'get-alerts': searchAlerts,
      'get-alerts/{uuid}': getAlert,
      'patch-alerts/{uuid}': editAlert,
      'post-alerts/{uuid}/comments': commentAlert,
      'patch-alerts/{uuid}/workflow': updateAlertStatus,
      'update-status-by-name': updateAlertStatusByName,
      'patch-cases/{case_uuid}/alerts': attachAlertsToCase,
      'get-assets': listAssets,
      'get-assets-v2': listAssetsV2,
      'post-assets': createAsset,
      'post-assets-v2': createAssetV2,
      'delete-assets/{uuid}': deleteAsset,
      'delete-assets-v2/{uuid}': deleteAssetV2,
      'post-assets/{uuid}/attr': addAttributeToAsset,
      'post-assets/{uuid}/keys': addKeyToAsset,
      'push-events-to-intake': createPushEventsToIntake({
        ...(options.intakeChunks ? { chunks: options.intakeChunks } : {}),
        ...(options.intakeSend ? { send: options.intakeSend } : {}),
      }),
    },
    triggers: {
      alert_created_trigger: createAlertCreatedTrigger(options.liveApi),
      alert_updated_trigger: createAlertUpdatedTrigger(options.liveApi),
      alert_status_changed_trigger: createAlertStatusChangedTrigger(options.liveApi),
      alert_comment_created_trigger: createAlertCommentCreatedTrigger(options.liveApi),
    },
  });
}
