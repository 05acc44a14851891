/**
 * A reader for RFC plain text: drops the page breaks (footer, form feed,
 * running header, and the blank lines around them) so lists that run across
 * pages read as one, and splits the text into numbered sections.
 */

/** One line of RFC text with its line number in the original file. */
export interface RfcLine {
  readonly text: string;
  readonly line: number;
}

/** A numbered section ("4.2.3") with its title and body lines (page breaks removed). */
export interface RfcSection {
  readonly number: string;
  readonly title: string;
  readonly line: number;
  readonly lines: readonly RfcLine[];
}

const FOOTER = /^\S.*\s\[Page \d+\]\s*$/;
const HEADER = /^RFC \d+\s{2,}\S.*\s{2,}\S.*\d{4}\s*$/;
const HEADING = /^(\d+(?:\.\d+)*)\.?\s+(\S.*?)\s*$/;

/** The RFC's lines without page breaks. */
export function stripPageBreaks(text: string): RfcLine[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const out: RfcLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (!FOOTER.test(t) && !t.includes('\f')) {
      out.push({ text: t, line: i + 1 });
      continue;
    }
    // A page break: footer, form feed, running header, blank lines. Drop it
    // with the blank lines on both sides, so text that runs on joins up.
    while (out.length > 0 && out[out.length - 1]!.text.trim() === '') out.pop();
    while (i + 1 < raw.length) {
      const next = raw[i + 1]!.replace(/\f/g, '');
      if (next.trim() !== '' && !HEADER.test(next) && !FOOTER.test(next)) break;
      i++;
    }
  }
  return out;
}

/** Splits the RFC into its numbered sections (headings start in column 0). */
export function readSections(text: string): RfcSection[] {
  const lines = stripPageBreaks(text);
  const sections: { number: string; title: string; line: number; lines: RfcLine[] }[] = [];
  for (const l of lines) {
    const m = HEADING.exec(l.text);
    if (m && !/\.{3,}/.test(l.text)) {
      sections.push({ number: m[1]!, title: m[2]!, line: l.line, lines: [] });
    } else if (sections.length > 0) {
      sections[sections.length - 1]!.lines.push(l);
    }
  }
  return sections;
}

/** The indentation of a line (spaces before the first other character). */
export function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i;
}
