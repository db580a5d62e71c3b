import { describe, expect, it } from 'vitest';
import { hostPolicyFromEnvironment } from './settings.js';

describe('the HTTP host policy from the environment', () => {
  it('is off unless an allow or deny list is set', () => {
    expect(hostPolicyFromEnvironment({})).toBeUndefined();
    expect(hostPolicyFromEnvironment({ PLY_HTTP_POLICY_MODULES: '*' })).toBeUndefined();
  });

  it('reads comma-separated lists and applies to the http module unless told otherwise', () => {
    expect(hostPolicyFromEnvironment({ PLY_HTTP_DENY_HOSTS: '' })).toEqual({ allow: [], deny: [], modules: ['http'] });
    expect(hostPolicyFromEnvironment({ PLY_HTTP_ALLOW_HOSTS: ' *.example.com, 10.0.0.0/8 ,', PLY_HTTP_POLICY_MODULES: 'http, sekoia.io' })).toEqual({ allow: ['*.example.com', '10.0.0.0/8'], deny: [], modules: ['http', 'sekoia.io'] });
  });
});
