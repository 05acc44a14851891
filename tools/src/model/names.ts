/**
 * Constant names are derived once from IANA's sample text and then kept as
 * reviewed data in registry-sources/names.json, so that a later change of the
 * sample text never renames a published constant.
 */

/** Words that read better in a fixed spelling inside a PascalCase name. */
const SPELLING: Readonly<Record<string, string>> = {
  'utf-8': 'Utf8',
  dkim: 'Dkim',
  spf: 'Spf',
  arc: 'Arc',
  dns: 'Dns',
  mx: 'Mx',
  rrvs: 'Rrvs',
  requiretls: 'RequireTls',
  tls: 'Tls',
};

/**
 * A PascalCase identifier from a sample text: `Bad destination mailbox
 * address` -> `BadDestinationMailboxAddress`, `Bad sender's system address`
 * -> `BadSendersSystemAddress`. Returns an empty string when the text has no
 * letters or digits (X.6.10's sample text is empty); the caller must then ask
 * for a reviewed name.
 */
export function deriveName(sample: string): string {
  const words = sample
    .toLowerCase()
    .replace(/'/g, '')
    .split(/[^a-z0-9-]+/)
    .flatMap((w) => (SPELLING[w] ? [w] : w.split('-')))
    .filter((w) => w.length > 0);
  let name = words.map((w) => SPELLING[w] ?? w[0]!.toUpperCase() + w.slice(1)).join('');
  if (/^[0-9]/.test(name)) name = `Code${name}`;
  return name;
}

/** Whether a string can be used as a property name without quotes. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}
