/** Entry of the `mailstatus` command (placeholder until the CLI issue lands). */
import { registryInfo } from '@mailstatus/codes';

console.log(`mailstatus: registry updated ${registryInfo.updated}`);
