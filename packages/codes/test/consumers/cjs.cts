import { EnhancedStatus, ReplyCode } from '@mailstatus/codes';

const code: 550 = ReplyCode.MailboxUnavailable;
const full: 'X.2.2' = EnhancedStatus.MailboxFull;
export = { code, full };
