import { disableLocalUser } from './disable-local-user.action.js';
import { fortigate } from './module.js';
import { postAddressGroup } from './post-address-group.action.js';
import { postFqdnAddress } from './post-fqdn-address.action.js';
import { postIpAddress } from './post-ip-address.action.js';

export default fortigate.plugin({ actions: [postIpAddress, postFqdnAddress, postAddressGroup, disableLocalUser] });
