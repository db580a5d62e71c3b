import { defineModule } from '@ply/core';
import { windowsServerConfigurationSchema } from './configuration.js';

/** The Microsoft Windows Server module (the reference's uuid and slug): local accounts over WinRM. */
export const windowsServer = defineModule({
  uuid: '33ea4995-5454-4091-a19f-497cb213346a',
  slug: 'microsoft-windows-server',
  name: 'Microsoft Windows Server',
  description:
    'Microsoft Windows Server is an operating system designed for server-based computing, offering robust server management, data storage, and networking capabilities for businesses and enterprises, facilitating diverse workloads and IT operations.',
  categories: ['Endpoint'],
  configuration: windowsServerConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
});
