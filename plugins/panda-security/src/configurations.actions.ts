import { z } from 'zod';
import { deviceIds, listParameters, listResults } from './list-params.js';
import { panda } from './module.js';

export const retrieveManagedConfigurationsAction = panda.restAction({
  uuid: 'fb034867-7d29-4c58-aedb-758bb1047b22',
  slug: 'retrieve_managed_configurations',
  name: 'Retrieve Managed Configurations',
  description: 'Retrieves a list of the specified type of managed configurations associated with your WatchGuard Cloud account.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/managedconfigurations/{type}',
  method: 'GET',
  path: 'managedconfigurations/{type}',
  arguments: z
    .object({ type: z.literal([1, 2, 3]).describe('Type of configuration to return: 1 deployment settings, 2 workstations and servers, 3 Android devices'), ...listParameters })
    .meta({ title: 'Arguments' }),
  results: listResults('managed configuration'),
});

export const linkDevicesToConfigurationAction = panda.restAction({
  uuid: '97d8da42-a30e-4ece-931e-cf912aec5048',
  slug: 'link_devices_to_managed_configurations',
  name: 'Link Devices to Managed Configurations',
  description: 'Links devices to a specified configuration.',
  docker_parameters: 'patch-api/v1/accounts/{account_id}/managedconfigurations/{type}/{config_id}',
  method: 'PATCH',
  path: 'managedconfigurations/{type}/{config_id}',
  arguments: z
    .object({
      config_id: z.string().min(1).describe('Identifier of the managed configuration to associate with the devices. Example: 2836d89d-1e98-4377-9f3b-4a3ef0b2d1a4'),
      type: z.literal(2).describe('Type of configuration. Currently, only option 2 (workstations and servers) is supported'),
      device_ids: deviceIds('link to the specified managed configuration'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({}),
  // Linking the same devices again leaves them linked.
  idempotent: true,
  notFound: (args) => `managed configuration ${args.config_id}`,
});
