import { z } from 'zod';
import { listParameters, listResults } from './list-params.js';
import { panda } from './module.js';

export const retrieveDevicesAction = panda.restAction({
  uuid: '71989f7f-f287-4cc4-8e34-237816594866',
  slug: 'retrieve_devices',
  name: 'Retrieve Devices',
  description: 'Retrieves a list of devices, and additional information, such as the device IP address and operating system.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/devices',
  method: 'GET',
  path: 'devices',
  arguments: z
    .object({ ...listParameters, $config: z.boolean().optional().describe('Indicates whether the security configuration name and ID are returned. The default value is true') })
    .meta({ title: 'Arguments' }),
  results: listResults('device'),
});

export const retrieveUnmanagedDevicesAction = panda.restAction({
  uuid: '80d26452-cbfb-40f0-a871-78e0b6be0d46',
  slug: 'retrieve_unmanaged_devices',
  name: 'Retrieve unmanaged devices',
  description: 'Retrieves a list of unmanaged devices discovered on the network.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/unmanageddevices',
  method: 'GET',
  path: 'unmanageddevices',
  arguments: z.object(listParameters).meta({ title: 'Arguments' }),
  results: listResults('unmanaged device'),
});

export const retrieveDeviceProtectionStatusAction = panda.restAction({
  uuid: '8ef78762-7769-48e1-9345-a98b68afca00',
  slug: 'retrieve_device_protection_status',
  name: 'Retrieve Device Protection Status',
  description: 'Retrieves a list of devices with their protection status and other device information.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/devicesprotectionstatus',
  method: 'GET',
  path: 'devicesprotectionstatus',
  arguments: z.object(listParameters).meta({ title: 'Arguments' }),
  results: listResults('device'),
});

const counter = (description: string) => z.int().nullish().describe(description);

export const retrieveEncryptionStatusAction = panda.restAction({
  uuid: 'ea1eda07-91cb-45b3-840b-e1f8dc72a628',
  slug: 'retrieve_full_encryption_module_status',
  name: 'Retrieve Full Encryption Module Status',
  description: 'Retrieves Full Encryption statistics.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/encryptionstatistics',
  method: 'GET',
  path: 'encryptionstatistics',
  arguments: z.object({}).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      total_supported_devices: counter('Number of devices that support Full Encryption'),
      with_decrypting_drives: counter('Devices with drives being decrypted'),
      with_encrypted_by_user_drives: counter('Devices with drives encrypted by the user'),
      with_encrypted_drives: counter('Devices with encrypted drives'),
      with_encrypted_partially_by_user_drives: counter('Devices with drives partially encrypted by the user'),
      with_encrypted_partially_drives: counter('Devices with partially encrypted drives'),
      with_encrypting_drives: counter('Devices with drives being encrypted'),
      with_non_encrypted_drives: counter('Devices with drives not encrypted'),
      with_unknown_encryption_status: counter('Devices whose encryption status is unknown'),
    })
    .meta({ title: 'Results' }),
});

export const retrievePatchManagementStatusAction = panda.restAction({
  uuid: '5f72ed0b-bd3d-496c-80d8-3e0504f92446',
  slug: 'retrieve_patch_management_module_status',
  name: 'Retrieve Patch Management Module Status',
  description: 'Retrieves Patch Management statistics.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/patchmanagementstatistics',
  method: 'GET',
  path: 'patchmanagementstatistics',
  arguments: z.object({}).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      non_security_other_patches: counter('Non-security and other patches pending'),
      security_critical: counter('Critical security patches pending'),
      security_important: counter('Important security patches pending'),
      security_low: counter('Low security patches pending'),
      security_moderate: counter('Moderate security patches pending'),
      security_not_classified: counter('Unclassified security patches pending'),
      service_pack: counter('Service packs pending'),
      total_supported_devices: counter('Number of devices that support Patch Management'),
    })
    .meta({ title: 'Results' }),
});
