import { z } from 'zod';
import { deviceIds, processedResults } from './list-params.js';
import { panda } from './module.js';

export const isolateDevicesAction = panda.restAction({
  uuid: '3092c266-e34a-403c-a90f-71447bfcd680',
  slug: 'isolate_endpoints',
  name: 'Isolate Devices',
  description: 'Isolates the specified devices. When you isolate a device, communication to and from the device is denied.',
  docker_parameters: 'post-api/v1/accounts/{account_id}/devices/isolation',
  method: 'POST',
  path: 'devices/isolation',
  arguments: z
    .object({
      device_ids: deviceIds('isolate'),
      exclusion_programs: z.array(z.string()).optional().describe('List of programs to exclude from isolation and allow to communicate normally.'),
      customized_message: z.string().optional().describe('Text to show in an alert message on the isolated devices'),
      hide_customized_alert: z.boolean().optional().describe('Indicates whether to hide the customized alert message on isolated devices.'),
    })
    .meta({ title: 'Arguments' }),
  results: processedResults,
  // Isolating an isolated device leaves it isolated.
  idempotent: true,
});

export const stopIsolationAction = panda.restAction({
  uuid: '4ca7c1dc-47ab-4b29-95fa-8acaf0c02efb',
  slug: 'deisolate_endpoints',
  name: 'Stop devices isolation',
  description: 'Stops isolation on the specified devices.',
  docker_parameters: 'post-api/v1/accounts/{account_id}/devices/noisolation',
  method: 'POST',
  path: 'devices/noisolation',
  arguments: z.object({ device_ids: deviceIds('remove from isolation') }).meta({ title: 'Arguments' }),
  results: processedResults,
  idempotent: true,
});

export const sendActionAction = panda.restAction({
  uuid: '72cb8c5b-4920-40c5-a47c-b4b05173fcbc',
  slug: 'send_action',
  name: 'Send action',
  description: 'Initiates an action on the specified devices. For example, send an action to reboot a device.',
  docker_parameters: 'post-api/v1/accounts/{account_id}/devices/action',
  method: 'POST',
  path: 'devices/action',
  arguments: z
    .object({
      device_ids: deviceIds('reboot'),
      action_type: z.int().describe('Type of action to initiate on the device: 1 reboot'),
      count_down_type: z.int().describe('Amount of time to count down to the action: 1 immediate, 2 fifteen minutes, 3 one hour, 4 four hours'),
    })
    .meta({ title: 'Arguments' }),
  results: processedResults,
});

export const uninstallProtectionAction = panda.restAction({
  uuid: 'e381b0eb-2b54-4f5a-9295-ce269cd6787a',
  slug: 'uninstall_protection_from_devices',
  name: 'Uninstall protection from devices',
  description: 'Uninstalls protection from the specified devices.',
  docker_parameters: 'post-api/v1/accounts/{account_id}/devices/uninstall',
  method: 'POST',
  path: 'devices/uninstall',
  arguments: z.object({ device_ids: deviceIds('remove the protection') }).meta({ title: 'Arguments' }),
  results: z.looseObject({}),
});

const flag = (description: string) => z.boolean().optional().describe(description);

export const scanDevicesAction = panda.restAction({
  uuid: '499de369-113c-466d-98b7-5b4e0bd4ac38',
  slug: 'scan',
  name: 'Scan devices',
  description: 'Starts a task to scan the specified devices immediately.',
  docker_parameters: 'post-api/v1/accounts/{account_id}/immediatescan',
  method: 'POST',
  path: 'immediatescan',
  arguments: z
    .object({
      device_ids: deviceIds('scan'),
      task_name: z.string().min(1).describe('Name of the scan task. Example: Routine scan'),
      task_description: z.string().optional().describe('Description of the scan task. Example: Windows 8 machines only'),
      scan_scope: z.int().min(0).max(2).optional().describe('Scope of the scan task: 0 whole computer, 1 critical areas, 2 specified items'),
      specified_items_to_scan: z.string().optional().describe('List of specific locations or items to scan (with scan_scope 2)'),
      detect_hacking_tools: flag('Indicates whether to detect hacking tools and potentially unwanted programs'),
      detect_suspicious_files: flag('Indicates whether to detect suspicious files'),
      scan_compressed_files: flag('Indicates whether to scan compressed files'),
      apply_exclusions_on_scan: flag('Indicates whether to exclude items from the scan'),
      extensions_to_exclude: z.string().optional().describe('List of file extensions to exclude from the scan (with apply_exclusions_on_scan)'),
      files_to_exclude: z.string().optional().describe('List of file names to exclude from the scan (with apply_exclusions_on_scan)'),
      folders_to_exclude: z.string().optional().describe('List of folders to exclude from the scan, full paths (with apply_exclusions_on_scan)'),
      execution_window_expiration: z.string().optional().describe('Time period in which the scan must run before it times out (default 7 days). Example: 8.07:06:05'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      no_executed_by_not_found_device_ids: z.array(z.string()).optional().describe('The devices not found, on which the scan was not started'),
      task_id: z.string().optional().describe('ID of the scan task'),
    })
    .meta({ title: 'Results' }),
});
