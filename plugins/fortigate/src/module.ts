import { defineModule } from '@ply/core';
import { fortigateConfigurationSchema } from './configuration.js';

/** The Fortigate module (the reference's uuid and slug). */
export const fortigate = defineModule({
  uuid: 'ca9a9497-bcd2-4d0c-b0c1-72699231feb2',
  slug: 'fortigate',
  name: 'Fortigate Firewalls',
  description:
    'Fortigate is a firewall appliance from Fortinet with anti-spam and anti-virus features. Initially distributed as a physical, rack-mounted product, Fortigate can now be installed as a virtual appliance that could run on virtualization platforms such as VMware vSphere',
  categories: ['Network'],
  configuration: fortigateConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
});
