// Phone numbers in free text (a ward's charter contact) as call links, so a person on a phone can
// tap to call. Only what reads as a whole UK number is linked: 11-digit numbers starting 0 or +44
// (spaces or hyphens allowed between digits), and the short national numbers 999, 111 and 116 xxx.
// An extension ("extension 4321") is not a number one can dial, so it stays text.

const PHONE = /(?<![\d+])(?:(?:\+44[\s-]?(?:\(0\)[\s-]?)?|0)\d(?:[\s-]?\d){8,9}|999|111|116[\s-]?\d{3})(?![\d])/g;

/** tel: form of a number as written: digits and a leading +, nothing else. */
export function telHref(number: string): string {
  return `tel:${number.replace(/\(0\)/, "").replace(/[^\d+]/g, "")}`;
}

export type TextPart = { text: string; phone: boolean };

/** The text cut into plain runs and phone numbers, in order; joining the texts gives the text back. */
export function phoneNumberParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start), phone: false });
    parts.push({ text: match[0], phone: true });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), phone: false });
  return parts;
}
