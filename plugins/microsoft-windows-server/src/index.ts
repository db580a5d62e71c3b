import { changeUserPassword } from './change-user-password.action.js';
import { disableUsers } from './disable-users.action.js';
import { enableUsers } from './enable-users.action.js';
import { windowsServer } from './module.js';

export default windowsServer.plugin({ actions: [changeUserPassword, enableUsers, disableUsers] });
