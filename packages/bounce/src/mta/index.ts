/**
 * The prose readers, most specific first; {@link generic} last.
 *
 * @packageDocumentation
 */

import { amazonses } from './amazonses.js';
import { courier } from './courier.js';
import { domino } from './domino.js';
import { dragonfly } from './dragonfly.js';
import { exchange } from './exchange.js';
import { exim } from './exim.js';
import { generic } from './generic.js';
import { gmail } from './gmail.js';
import { interscan } from './interscan.js';
import { mdaemon } from './mdaemon.js';
import { opensmtpd } from './opensmtpd.js';
import { postfix } from './postfix.js';
import { qmail } from './qmail.js';
import { sendmail } from './sendmail.js';
import type { MtaReader } from './types.js';
import { verizon } from './verizon.js';
import { yahoo } from './yahoo.js';

export type { MtaReader, ProseRecipient } from './types.js';
export { looksLikeBounce } from './generic.js';

/** Every prose reader in the order they are tried. */
export const mtaReaders: readonly MtaReader[] = [
  amazonses,
  postfix,
  exim,
  courier,
  yahoo,
  qmail,
  sendmail,
  gmail,
  exchange,
  opensmtpd,
  mdaemon,
  domino,
  dragonfly,
  verizon,
  interscan,
  generic,
];
