import { EnhancedStatus, ReplyCode, enhancedStatuses, type EnhancedStatusInfo } from '@mailstatus/codes';

const code: 550 = ReplyCode.MailboxUnavailable;
const entry: EnhancedStatusInfo | undefined = enhancedStatuses.find((e) => e.code === EnhancedStatus.MailboxFull);
export { code, entry };
