import { definePlugin } from '@ply/core';
import { addObservable } from './add-observable.action.js';
import { theHiveConfigurationSchema } from './configuration.js';
import { createAlert } from './create-alert.action.js';
import { getAlert } from './get-alert.action.js';

/** TheHive 5 (`/api/v1`): the identity of the reference TheHiveV5 module, whose API it speaks. */
export default definePlugin({
  module: {
    uuid: 'd6c96586-707c-451f-b9f6-d31b3291f87d',
    slug: 'thehivev5',
    name: 'The Hive V5',
    description: 'TheHive is a scalable, open source and free Security Incident Response Platform',
    categories: ['Collaboration Tools'],
    configuration: theHiveConfigurationSchema,
    engines: { ply: '>=0.1.0 <1.0.0' },
  },
  actions: {
    thehive_create_alert: createAlert,
    thehive_add_observable: addObservable,
    thehive_get_alert: getAlert,
  },
});
