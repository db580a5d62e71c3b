import { z } from 'zod';

/** The reference module's account: the Peer API host given with the key, and the key (a secret). */
export const ikwydConfigurationSchema = z
  .object({
    host: z.string().min(1).describe('IknowWhatYouDownload host for API queries'),
    key: z.string().min(1).meta({ secret: true }).describe('APIKEY for the IKnowWhatYouDownload Service'),
  })
  .meta({ title: 'IKnowWhatYouDownload' });

export type IkwydConfiguration = z.output<typeof ikwydConfigurationSchema>;
