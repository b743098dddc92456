import { CHANGE_IDEA_STATUSES, STATUS_LABELS, type ChangeIdeaStatus, type DiagramBox, type DriverDiagram } from "./driver-diagram";
import { textWidth } from "./text-width";

// The driver diagram drawn as the paper template: four columns left to right (aim, primary drivers,
// secondary drivers, change ideas), a line from each box to each box it serves. One renderer for
// the page, the SVG and PNG downloads and print, so they all show the same picture. Text is wrapped
// by its width in Arial (lib/improvement/text-width: the server has no browser to measure with),
// with room to spare, so a line never runs out of its box, even in capitals.

export const LAYOUT = {
  columnWidth: 232,
  gap: 64,
  margin: 16,
  headingHeight: 34,
  boxGap: 12,
  padding: 8,
  fontSize: 13,
  lineHeight: 17,
  /** The widest line of a box's text, in pixels: the box's 212px inside its padding, less about 6%
   *  for a fallback font a little wider than Arial where Arial and its look-alikes are missing. */
  textWidth: 200,
} as const;

/** Status colours: the status is also written in the box, so colour is never the only cue; each
 *  status word has at least 4.5:1 contrast on its box (WCAG AA for small text). */
export const STATUS_COLOURS: Record<ChangeIdeaStatus, { fill: string; stripe: string }> = {
  IDEA: { fill: "#ffffff", stripe: "#4c6272" },
  TESTING: { fill: "#fff9e0", stripe: "#8f4700" },
  ADOPTED: { fill: "#e6f4ea", stripe: "#006532" },
  ADAPTED: { fill: "#e8f1fb", stripe: "#005eb8" },
  ABANDONED: { fill: "#f3f3f3", stripe: "#425563" },
};

export interface PlacedBox {
  id: string;
  column: 0 | 1 | 2 | 3;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  status: ChangeIdeaStatus | null;
}

export interface Connector {
  from: string;
  to: string;
  path: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: PlacedBox[];
  connectors: Connector[];
}

/** How wide a piece of text is, in the units of the width it must fit into. */
export type Measure = (text: string) => number;

const measureBoxText: Measure = (text) => textWidth(text, LAYOUT.fontSize);
const measureAimText: Measure = (text) => textWidth(text, LAYOUT.fontSize, true);

/** Greedy word wrap to `maxWidth` as `measure` sees it; a word wider than a line is broken with a hyphen. */
export function wrapText(text: string, maxWidth: number = LAYOUT.textWidth, measure: Measure = measureBoxText): string[] {
  const fits = (piece: string) => measure(piece) <= maxWidth;
  const lines: string[] = [];
  let line = "";
  for (const raw of text.split(/\s+/).filter(Boolean)) {
    // Whole characters (code points), so a letter outside the Basic Multilingual Plane is never split.
    let chars = Array.from(raw);
    while (!fits(chars.join(""))) {
      if (line) {
        lines.push(line);
        line = "";
      }
      // The longest start of the word that fits with its hyphen (widths only grow as letters are
      // added, so grow it from one letter); at least one letter, so the loop ends.
      let take = 1;
      while (take < chars.length - 1 && fits(`${chars.slice(0, take + 1).join("")}-`)) take++;
      lines.push(`${chars.slice(0, take).join("")}-`);
      chars = chars.slice(take);
    }
    const word = chars.join("");
    if (!line) line = word;
    else if (fits(`${line} ${word}`)) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [""];
}

const AIM_ID = "aim";

export function layoutDiagram(diagram: DriverDiagram, aimText: string): DiagramLayout {
  const L = LAYOUT;
  const columns: { id: string; text: string; status: ChangeIdeaStatus | null }[][] = [
    [{ id: AIM_ID, text: aimText, status: null }],
    diagram.primary.map(box),
    diagram.secondary.map(box),
    diagram.changeIdeas.map(box),
  ];
  const sized = columns.map((col) =>
    col.map((b) => {
      const lines = wrapText(b.text, LAYOUT.textWidth, b.id === AIM_ID ? measureAimText : measureBoxText);
      const statusLine = b.status ? 1 : 0;
      return { ...b, lines, height: (lines.length + statusLine) * L.lineHeight + 2 * L.padding };
    }),
  );
  const columnHeight = (col: { height: number }[]) => col.reduce((h, b) => h + b.height, 0) + Math.max(0, col.length - 1) * L.boxGap;
  const contentHeight = Math.max(80, ...sized.map(columnHeight));
  const boxes: PlacedBox[] = [];
  sized.forEach((col, c) => {
    // Each column is centred on the tallest, as the paper template's columns are.
    let y = L.margin + L.headingHeight + (contentHeight - columnHeight(col)) / 2;
    const x = L.margin + c * (L.columnWidth + L.gap);
    for (const b of col) {
      boxes.push({ id: b.id, column: c as PlacedBox["column"], x, y, width: L.columnWidth, height: b.height, lines: b.lines, status: b.status });
      y += b.height + L.boxGap;
    }
  });
  const placed = new Map(boxes.map((b) => [b.id, b]));
  const connectors: Connector[] = [];
  const connect = (parentId: string, childId: string) => {
    const p = placed.get(parentId);
    const c = placed.get(childId);
    if (!p || !c) return;
    const x1 = p.x + p.width;
    const y1 = p.y + p.height / 2;
    const x2 = c.x;
    const y2 = c.y + c.height / 2;
    const bend = (x2 - x1) / 2;
    connectors.push({ from: parentId, to: childId, path: `M${r(x1)} ${r(y1)} C${r(x1 + bend)} ${r(y1)} ${r(x2 - bend)} ${r(y2)} ${r(x2)} ${r(y2)}` });
  };
  for (const p of diagram.primary) connect(AIM_ID, p.id);
  for (const n of [...diagram.secondary, ...diagram.changeIdeas]) for (const parent of n.parentIds) connect(parent, n.id);
  return {
    width: 2 * L.margin + 4 * L.columnWidth + 3 * L.gap,
    height: 2 * L.margin + L.headingHeight + contentHeight,
    boxes,
    connectors,
  };
}

function box(n: DiagramBox) {
  return { id: n.id, text: n.text, status: n.kind === "CHANGE_IDEA" ? (n.status ?? "IDEA") : null };
}

const r = (n: number) => Math.round(n * 10) / 10;

/** Characters XML 1.0 forbids even escaped (control characters, lone surrogates); one would make the SVG unreadable. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const HEADINGS = ["Aim", "Primary drivers", "Secondary drivers", "Change ideas"];

/**
 * A standalone SVG document (no scripts, no external references). `title` is its accessible name;
 * the page puts the outline list beside it for screen readers, so the picture itself is one image.
 */
export function renderDiagramSvg(diagram: DriverDiagram, aimText: string, title: string): string {
  const L = LAYOUT;
  const layout = layoutDiagram(diagram, aimText);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-labelledby="dd-title dd-desc" font-family="Arial, Helvetica, sans-serif" class="driver-diagram">`,
    `<title id="dd-title">${escapeXml(title)}</title>`,
    `<desc id="dd-desc">${escapeXml(describe(diagram))}</desc>`,
    `<rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
  );
  HEADINGS.forEach((heading, c) => {
    out.push(`<text x="${L.margin + c * (L.columnWidth + L.gap)}" y="${L.margin + 18}" font-size="15" font-weight="700" fill="#212b32">${heading}</text>`);
  });
  for (const c of layout.connectors) out.push(`<path d="${c.path}" fill="none" stroke="#425563" stroke-width="1.5" data-from="${escapeXml(c.from)}" data-to="${escapeXml(c.to)}"/>`);
  for (const b of layout.boxes) {
    const colours = b.status ? STATUS_COLOURS[b.status] : b.column === 0 ? { fill: "#005eb8", stripe: "#003087" } : { fill: "#ffffff", stripe: "#005eb8" };
    const textColour = b.column === 0 ? "#ffffff" : "#212b32";
    out.push(`<g data-box="${escapeXml(b.id)}">`);
    out.push(`<rect x="${r(b.x)}" y="${r(b.y)}" width="${b.width}" height="${r(b.height)}" rx="4" fill="${colours.fill}" stroke="${colours.stripe}" stroke-width="1.5"/>`);
    if (b.column > 0) out.push(`<rect x="${r(b.x)}" y="${r(b.y)}" width="5" height="${r(b.height)}" fill="${colours.stripe}"/>`);
    b.lines.forEach((line, i) => {
      out.push(`<text x="${r(b.x + L.padding + 4)}" y="${r(b.y + L.padding + (i + 1) * L.lineHeight - 4)}" font-size="${L.fontSize}" fill="${textColour}"${b.column === 0 ? ' font-weight="700"' : ""}>${escapeXml(line)}</text>`);
    });
    if (b.status) {
      out.push(`<text x="${r(b.x + L.padding + 4)}" y="${r(b.y + L.padding + (b.lines.length + 1) * L.lineHeight - 4)}" font-size="12" font-weight="700" fill="${STATUS_COLOURS[b.status].stripe}">${STATUS_LABELS[b.status]}</text>`);
    }
    out.push(`</g>`);
  }
  if (diagram.primary.length === 0) {
    out.push(`<text x="${L.margin + L.columnWidth + L.gap}" y="${L.margin + L.headingHeight + 24}" font-size="13" fill="#425563">No drivers yet</text>`);
  }
  out.push(`</svg>`);
  return out.join("\n");
}

function describe(diagram: DriverDiagram): string {
  const counts = CHANGE_IDEA_STATUSES.map((s) => [s, diagram.changeIdeas.filter((c) => (c.status ?? "IDEA") === s).length] as const).filter(([, n]) => n > 0);
  const statuses = counts.length > 0 ? ` (${counts.map(([s, n]) => `${n} ${STATUS_LABELS[s].toLowerCase()}`).join(", ")})` : "";
  return `Driver diagram: ${diagram.primary.length} primary drivers, ${diagram.secondary.length} secondary drivers, ${diagram.changeIdeas.length} change ideas${statuses}.`;
}

/** A team's diagram as the page, the downloads and print show it. */
export function teamDiagramPicture(teamName: string, aimText: string, diagram: DriverDiagram): { svg: string; width: number; height: number; title: string; fileName: string } {
  const title = `${teamName}: driver diagram`;
  const { width, height } = layoutDiagram(diagram, aimText);
  const slug = teamName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "team";
  return { svg: renderDiagramSvg(diagram, aimText, title), width, height, title, fileName: `${slug}-driver-diagram` };
}
