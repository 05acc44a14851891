/**
 * Shapes of the generated tables in `./generated/`. The generator (tools/)
 * emits data that satisfies these types; the hand-written API reads them.
 *
 * @packageDocumentation
 */

/** The class digit of an enhanced status code (RFC 3463 section 2: `class = "2"/"4"/"5"`). */
export type EnhancedClass = 2 | 4 | 5;

/** The first digit of a reply code that a server may send (RFC 5321 section 4.2). */
export type ReplySeverityDigit = 2 | 3 | 4 | 5;

/**
 * A registry code as IANA writes it, with `X` for the class: `"X.1.1"`.
 * Combine it with a class digit with {@link EnhancedStatusInfo.code}'s helpers
 * (e.g. `withClass("X.1.1", 5)` gives `"5.1.1"`).
 */
export type RegistryCode = `X.${number}.${number}`;

/** A concrete enhanced status code such as `"5.1.1"`. */
export type EnhancedCode = `${EnhancedClass}.${number}.${number}`;

/** One document the registry or an RFC cites, parsed out of IANA's reference column. */
export interface Reference {
  /** `"rfc"` for `[RFC3463]`, `"draft"` for `[draft-...]`, `"other"` for anything else. */
  readonly kind: 'rfc' | 'draft' | 'other';
  /** The identifier as written without brackets: `"RFC7372"`, `"draft-levine-mailbomb-header-00"`. */
  readonly id: string;
  /** The RFC number for `kind: "rfc"`. */
  readonly rfc?: number;
  /** A section named in the reference (`"3.3"` for `[RFC7372], Section 3.3`). */
  readonly section?: string;
  /** The status in parentheses, as written: `"Standards Track"`, `"Best current practice"`. */
  readonly status?: string;
  /** A link to the document (rfc-editor.org for RFCs, datatracker for drafts). */
  readonly url: string;
}

/**
 * The registry's "Associated basic status code" column, which is free text,
 * in structured form. Examples of the raw text: `451, 550`, `Not given`,
 * `Any`, `5XX`, `250 or 251`, `451/550`,
 * `450, 550 (other 4XX or 5XX codes are allowed)`, `.`, and empty.
 */
export interface AssociatedReplyCodes {
  /** The column exactly as IANA publishes it (line breaks folded to spaces). */
  readonly raw: string;
  /** The three-digit reply codes named, in registry order, without duplicates. */
  readonly codes: readonly number[];
  /** First digits allowed beyond `codes`: `5XX` gives `[5]`; "(other 4XX or 5XX codes are allowed)" gives `[4, 5]`. */
  readonly otherClasses: readonly ReplySeverityDigit[];
  /** `true` when the registry says `Any`. */
  readonly any: boolean;
  /** `false` when the registry gives nothing usable: `Not given`, `.`, or empty. */
  readonly given: boolean;
  /** Free text that is neither a code nor a pattern, e.g. `other 4XX or 5XX codes are allowed`. */
  readonly note?: string;
}

/** One row of the IANA "Enumerated Status Codes" table (`smtp-enhanced-status-codes-3.csv`). */
export interface EnhancedStatusInfo {
  /** The code as in the registry: `"X.1.1"`. */
  readonly code: RegistryCode;
  /** The subject sub-code (`1` for `X.1.1`). */
  readonly subject: number;
  /** The detail sub-code (`1` for `X.1.1`). */
  readonly detail: number;
  /** The stable constant name in {@link EnhancedStatus}: `"BadDestinationMailboxAddress"`. */
  readonly name: string;
  /** IANA's sample text (line breaks folded to spaces); empty for X.6.10. */
  readonly sample: string;
  /** IANA's description, with the registry's hard line wraps folded into spaces. */
  readonly description: string;
  /** The associated reply codes in structured form. */
  readonly replyCodes: AssociatedReplyCodes;
  /**
   * The classes this entry can occur in: from its associated reply codes when
   * the registry gives them; `[4, 5]` when it does not (`[5]` when the
   * description says the code is only useful for permanent failures);
   * `[2, 4, 5]` for `Any`.
   */
  readonly classes: readonly EnhancedClass[];
  /** The documents that define the entry. */
  readonly references: readonly Reference[];
  /** IANA's "Submitter" column. */
  readonly submitter: string;
  /** IANA's "Change Controller" column. */
  readonly changeController: string;
  /** `true` when the entry must not be used in new software. */
  readonly deprecated: boolean;
  /** For a deprecated entry, the registry code to use instead (`"X.6.8"` for X.6.10). */
  readonly replacedBy?: RegistryCode;
  /** How the generator read a defective row of the registry (a missing description, a field in the wrong column). */
  readonly note?: string;
}

/** One row of the class table (`smtp-enhanced-status-codes-1.csv`). */
export interface EnhancedClassInfo {
  /** The class digit. */
  readonly class: EnhancedClass;
  /** As in the registry: `"5.XXX.YYY"`. */
  readonly code: string;
  /** `"Permanent Failure"`. */
  readonly summary: string;
  readonly description: string;
  readonly references: readonly Reference[];
}

/** One row of the subject table (`smtp-enhanced-status-codes-2.csv`). */
export interface EnhancedSubjectInfo {
  /** The subject digit. */
  readonly subject: number;
  /** As in the registry: `"X.1.YYY"`. */
  readonly code: string;
  /** `"Addressing Status"`. */
  readonly summary: string;
  readonly description: string;
  readonly references: readonly Reference[];
}

/** What the first digit of a reply code means (RFC 5321 section 4.2.1). */
export type ReplySeverity = 'positive-completion' | 'positive-intermediate' | 'transient-negative' | 'permanent-negative';

/** What the second digit of a reply code means (RFC 5321 section 4.2.1). */
export type ReplyCategory = 'syntax' | 'information' | 'connections' | 'unspecified' | 'mail-system';

/** One standard reply code. */
export interface ReplyCodeInfo {
  /** The three-digit code. */
  readonly code: number;
  /** The stable constant name in {@link ReplyCode}. */
  readonly name: string;
  /** The reply text the defining RFC gives, with its hard line wraps folded. */
  readonly text: string;
  readonly severity: ReplySeverity;
  readonly category: ReplyCategory;
  /** Where the code is defined: RFC 5321 section 4.2.3, or our reviewed supplement. */
  readonly source: 'rfc5321' | 'supplement';
  /** The defining documents (RFC 5321 section 4.2.3 for the core codes). */
  readonly references: readonly Reference[];
  /** A reviewer's remark, e.g. that only the registry names this code, or another use of it. */
  readonly note?: string;
}

/** What one digit position of a reply code means (RFC 5321 section 4.2.1). */
export interface ReplyDigitInfo {
  /** The digit. */
  readonly digit: number;
  /** The RFC's heading: `"Transient Negative Completion reply"`, `"Mail system"`. */
  readonly title: string;
  /** The RFC's explanation, folded. */
  readonly description: string;
}

/** The replies RFC 5321 section 4.3.2 lists for one command. */
export interface CommandReplies {
  /** Intermediate replies (`I:`), e.g. 354 for DATA. */
  readonly intermediate: readonly number[];
  /** Success replies (`S:`). */
  readonly success: readonly number[];
  /** Error replies (`E:`). */
  readonly error: readonly number[];
  /** For DATA: the replies after the message content and `<CRLF>.<CRLF>`. */
  readonly afterData?: { readonly success: readonly number[]; readonly error: readonly number[] };
}

/** One upstream file the tables were generated from. */
export interface PinnedSource {
  /** Short name: `"smtp-enhanced-status-codes-3.csv"`, `"rfc5321.txt"`. */
  readonly name: string;
  /** The canonical URL. */
  readonly url: string;
  /** Lower-case hex sha256 of the exact bytes used. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size: number;
  /** The date the file was fetched and reviewed (`YYYY-MM-DD`). */
  readonly retrieved: string;
}

/** Metadata about the registry snapshot the tables were generated from. */
export interface RegistryInfo {
  /** The registry's own last-updated date (`YYYY-MM-DD`), e.g. `"2024-12-06"`. */
  readonly updated: string;
  /** The pinned upstream files. */
  readonly sources: readonly PinnedSource[];
}

/** RFC 3463 section 2's status-code grammar, as read from the RFC text. */
export interface EnhancedStatusGrammar {
  /** Allowed class digits: `[2, 4, 5]`. */
  readonly classes: readonly EnhancedClass[];
  /** Minimum and maximum digits of the subject sub-code (`1*3digit`). */
  readonly subjectDigits: { readonly min: number; readonly max: number };
  /** Minimum and maximum digits of the detail sub-code (`1*3digit`). */
  readonly detailDigits: { readonly min: number; readonly max: number };
  /** Whether leading zeros are forbidden ("MUST be expressed without leading zero digits"). */
  readonly noLeadingZeros: boolean;
}
