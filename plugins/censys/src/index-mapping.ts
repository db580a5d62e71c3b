import { PlyError } from '@ply/core';
import { z } from 'zod';

/** The reference's indexes (Censys Search v1). */
export const INDEXES = ['ipv4', 'websites', 'certificates'] as const;
export type CensysIndex = (typeof INDEXES)[number];

export const indexArgument = (description: string) => z.enum(INDEXES).describe(description);

/** Where a v1 index lives in Search 2.0: its resource, and for websites the virtual hosts only. */
export interface V2Index {
  resource: 'hosts' | 'certificates';
  /** `ONLY` for websites: Search 2.0 keeps them as name-based virtual hosts of the hosts index. */
  virtual_hosts?: 'ONLY';
  /** The v2 field a v1 `updated_at` bound maps onto. */
  updatedAt: string;
}

const V2: Record<CensysIndex, V2Index> = {
  ipv4: { resource: 'hosts', updatedAt: 'last_updated_at' },
  websites: { resource: 'hosts', virtual_hosts: 'ONLY', updatedAt: 'last_updated_at' },
  certificates: { resource: 'certificates', updatedAt: 'modified_at' },
};

export function v2Index(index: CensysIndex): V2Index {
  return V2[index];
}

/** Search 2.0 has no websites documents to view: a website is a virtual host of an address. */
export function viewableIndex(index: CensysIndex): V2Index {
  if (index === 'websites') {
    throw new PlyError('PLY_ARGUMENTS_INVALID', 'Censys Search 2.0 has no websites index to view an item of: view the host (index ipv4, item its IP address), or search the websites index', {
      details: { issues: [{ pointer: '/index', message: 'websites cannot be viewed on Censys Search 2.0' }] },
    });
  }
  return V2[index];
}
