import { definePlugin } from '@ply/core';
import { sekoiaConfigurationSchema } from './configuration.js';
import { getAlert } from './get-alert.action.js';

export default definePlugin({
  module: {
    uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a',
    slug: 'sekoia.io',
    name: 'Sekoia.io',
    description: 'Sekoia.io is a European Cybertech, expert in intelligence-based eXtended Detection and Response solutions. Read and change alerts, cases, assets and events of the Sekoia SOC platform.',
    categories: ['Generic'],
    configuration: sekoiaConfigurationSchema,
    engines: { ply: '>=0.1.0 <1.0.0' },
  },
  actions: {
    'get-alerts/{uuid}': getAlert,
  },
});
