import { z } from 'zod';

/** An IPv4 or IPv6 address: the reference refuses anything else before calling Onyphe. */
export const ipValue = (description: string) => z.union([z.ipv4(), z.ipv6()]).describe(description);

/** A domain name as the reference accepts it: up to 253 characters, labels of up to 63. */
export const domainValue = (description: string) =>
  z
    .string()
    .max(253)
    .regex(/^(?:[^.]{0,63}\.){1,127}[^.]{1,63}$/)
    .describe(description);

/** An MD5 digest, in either case (sent in lower case). */
export const md5Value = (description: string) =>
  z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/)
    .describe(description);

/** An onion address: 16 or 56 base32 characters and `.onion`, in either case (sent in lower case). */
export const onionValue = (description: string) =>
  z
    .string()
    .regex(/^[2-7a-zA-Z]{16}(?:[2-7a-zA-Z]{40})?\.[oO][nN][iI][oO][nN]$/)
    .describe(description);
