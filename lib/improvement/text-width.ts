// How wide a line of text is in Arial (and Helvetica and Liberation Sans, which share its widths),
// the diagram's font, so the server can wrap a box's words without a browser or font files. Widths
// are the fonts' published advance widths in thousandths of an em for printable ASCII; other
// letters are measured as their unaccented letter, and anything else generously. The diagram's
// layout keeps a margin on top for browsers that fall back to a slightly wider font.

// Printable ASCII from " " (32) to "~" (126), Helvetica's widths.
// prettier-ignore
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];

/** Curly quotes, dashes and the like that people paste from documents. */
const PUNCTUATION_WIDTHS: Record<string, number> = {
  "\u2018": 222, "\u2019": 222, "\u201C": 333, "\u201D": 333, "\u2013": 556, "\u2014": 1000, "\u2026": 1000, "\u00A0": 278, "\u2022": 350, "\u00A3": 556, "\u20AC": 556,
};

/** Wider than any Latin letter but M, m and W: for letters the table does not know (Greek, Cyrillic…). */
const UNKNOWN_WIDTH = 780;
/** East Asian wide characters and emoji take a whole em. */
const WIDE_WIDTH = 1000;
/** Bold Arial is up to about 10% wider than regular. */
const BOLD_FACTOR = 1.1;

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    codePoint >= 0x1f000
  );
}

function charWidth(char: string): number {
  const code = char.codePointAt(0)!;
  if (code >= 32 && code <= 126) return ASCII_WIDTHS[code - 32]!;
  const known = PUNCTUATION_WIDTHS[char];
  if (known !== undefined) return known;
  if (isWide(code)) return WIDE_WIDTH;
  // Combining marks (accents typed separately) take no room of their own.
  if (code >= 0x300 && code <= 0x36f) return 0;
  // An accented Latin letter is as wide as the letter without its accent.
  const base = char.normalize("NFD")[0]!;
  const baseCode = base.codePointAt(0)!;
  if (base !== char && baseCode >= 32 && baseCode <= 126) return ASCII_WIDTHS[baseCode - 32]!;
  return UNKNOWN_WIDTH;
}

/** The width in pixels of `text` set in Arial at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const char of text) units += charWidth(char);
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : 1);
}
