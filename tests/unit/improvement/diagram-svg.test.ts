import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textWidth } from "@/lib/improvement/text-width";
import { escapeXml, LAYOUT, layoutDiagram, renderDiagramSvg, STATUS_COLOURS, wrapText, type DiagramLayout } from "@/lib/improvement/diagram-svg";
import { allBoxes, buildDiagram, STATUS_LABELS, type DriverDiagram } from "@/lib/improvement/driver-diagram";
import { box, sampleDiagram, validDiagramArb } from "./helpers";

// The picture of the driver diagram: word wrapping, where boxes and lines go, and the SVG itself,
// which carries team members' own words into a file other people open, so it must escape them
// and stay well-formed XML whatever they typed.

const AIM = "To increase the percentage of service users and staff who feel safe from sexual harm";

// ---------------------------------------------------------------------------------------------------
// A small XML well-formedness check (no XML parser is installed, and none should be added for this)
// ---------------------------------------------------------------------------------------------------

const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const BARE_AMPERSAND = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const NAME = "[A-Za-z_][\\w.:-]*";
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`, "y");
const TEXT = /[^<]+/y;

/** The ways a document is not well-formed XML; empty when it is. Elements, attributes and text only. */
function xmlProblems(doc: string): string[] {
  const problems: string[] = [];
  if (!XML_CHARS.test(doc)) problems.push("a character XML does not allow");
  const open: string[] = [];
  let roots = 0;
  let at = 0;
  while (at < doc.length) {
    TAG.lastIndex = at;
    TEXT.lastIndex = at;
    const tag = TAG.exec(doc);
    if (tag) {
      const [whole, closing, name, attributes, selfClosing] = tag;
      const attributeNames = [...attributes!.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, "g"))];
      for (const [, attribute, value] of attributeNames) if (BARE_AMPERSAND.test(value!)) problems.push(`a bare & in ${name}'s ${attribute}`);
      if (new Set(attributeNames.map((a) => a[1])).size !== attributeNames.length) problems.push(`a repeated attribute on ${name}`);
      if (closing) {
        if (selfClosing || attributes) problems.push(`a malformed closing tag ${whole}`);
        if (open.pop() !== name) problems.push(`</${name}> closes the wrong element`);
      } else {
        if (open.length === 0) roots++;
        if (!selfClosing) open.push(name!);
      }
      at += whole.length;
      continue;
    }
    const text = TEXT.exec(doc);
    if (text) {
      if (open.length === 0 && text[0].trim() !== "") problems.push("text outside the root element");
      if (BARE_AMPERSAND.test(text[0])) problems.push("a bare & in text");
      if (text[0].includes("]]>")) problems.push("]]> in text");
      at += text[0].length;
      continue;
    }
    problems.push(`a stray < at ${at}`);
    break;
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The text of each <text> element in a box, by the box's id. */
function boxTexts(svg: string): Map<string, string[]> {
  const boxes = new Map<string, string[]>();
  for (const [, id, body] of svg.matchAll(/<g data-box="([^"]*)">([\s\S]*?)<\/g>/g)) {
    boxes.set(unescape(id!), [...body!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!)));
  }
  return boxes;
}

describe("the well-formedness check itself", () => {
  it("passes a small well-formed document", () => {
    expect(xmlProblems(`<svg a="1 &amp; 2"><g><text>x &lt; y</text></g><rect/></svg>`)).toEqual([]);
  });

  it.each([
    ["<a><b></a></b>"],
    ["<a>fish & chips</a>"],
    ['<a title="<b>"/>'],
    ['<a title="a & b"/>'],
    ["<a><script>"],
    ["<a/><b/>"],
    ["<a>\u0001</a>"],
    ["<a>\uD800</a>"],
    ['<a x="1" x="2"/>'],
    ["<a>1 < 2</a>"],
  ])("catches %j", (doc) => {
    expect(xmlProblems(doc)).not.toEqual([]);
  });
});

describe("wrapText", () => {
  // Counting letters keeps the examples readable; the layout measures in pixels of Arial.
  const letters = (text: string) => Array.from(text).length;

  it("fills each line greedily with whole words", () => {
    expect(wrapText("Staff know how to respond to a disclosure of sexual harm", 20, letters)).toEqual(["Staff know how to", "respond to a", "disclosure of sexual", "harm"]);
  });

  it("by default fits each line into the box's text width in Arial at the box's font size", () => {
    const lines = wrapText(AIM);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => textWidth(l, LAYOUT.fontSize) <= LAYOUT.textWidth)).toBe(true);
    expect(lines.join(" ")).toBe(AIM);
  });

  it("puts fewer capitals than small letters on a line, as they are wider", () => {
    const lower = wrapText("safe ".repeat(40));
    const upper = wrapText("SAFE ".repeat(40));
    expect(upper.length).toBeGreaterThan(lower.length);
    expect(upper.every((l) => textWidth(l, LAYOUT.fontSize) <= LAYOUT.textWidth)).toBe(true);
    // Narrow letters fill a line further than wide ones.
    expect(wrapText("i".repeat(80))[0]!.length).toBeGreaterThan(wrapText("W".repeat(80))[0]!.length * 3);
  });

  it("breaks a word longer than a line with a hyphen, after finishing the line before it", () => {
    expect(wrapText("see abcdefghijklmnop end", 6, letters)).toEqual(["see", "abcde-", "fghij-", "klmnop", "end"]);
  });

  it("never splits a character made of two UTF-16 units", () => {
    const lines = wrapText("😀".repeat(30));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^(?:\u{1F600})+-?$/u);
    expect(lines.join("").replace(/-/g, "")).toBe("😀".repeat(30));
  });

  it("collapses runs of spaces and line breaks", () => {
    expect(wrapText("  Safety \n\n huddles\tdaily  ", 40, letters)).toEqual(["Safety huddles daily"]);
  });

  it("gives one empty line for blank text", () => {
    expect(wrapText("")).toEqual([""]);
    expect(wrapText(" \n ")).toEqual([""]);
  });

  it("never overruns the width and loses no word", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzé0<&"), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 25 }), fc.array(fc.constantFrom(" ", "  ", "\n", "\t"), { minLength: 26, maxLength: 26 }), fc.integer({ min: 2, max: 40 }), (words, spaces, width) => {
        const text = words.map((w, i) => spaces[i] + w).join("") + spaces[25];
        const lines = wrapText(text, width, letters);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        // A line ending in "-" is a broken word: its next piece starts the next line.
        const rejoined = lines.join("\n").replace(/-\n/g, "").split(/\s+/).filter(Boolean);
        expect(rejoined).toEqual(words);
      }),
      { numRuns: 500 },
    );
  });

  it("never overruns the box in Arial, whatever the letters", () => {
    const word = fc.string({ unit: fc.constantFrom(..."aiWMmIl.@é漢😀—’"), minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), (words) => {
        for (const line of wrapText(words.join(" "))) expect(textWidth(line, LAYOUT.fontSize)).toBeLessThanOrEqual(LAYOUT.textWidth);
      }),
      { numRuns: 300 },
    );
  });
});

/** The boxes of a layout in one column, top to bottom. */
const columnOf = (layout: DiagramLayout, column: number) => layout.boxes.filter((b) => b.column === column).sort((a, b) => a.y - b.y);

/** The checks every layout must pass, whatever the diagram. */
function expectSoundLayout(diagram: DriverDiagram, layout: DiagramLayout) {
  expect(layout.boxes).toHaveLength(1 + allBoxes(diagram).length);
  const xs = [0, 1, 2, 3].map((c) => columnOf(layout, c).map((b) => b.x));
  for (let c = 0; c < 4; c++) {
    const boxes = columnOf(layout, c);
    // One x per column, each column wholly to the right of the one before.
    expect(new Set(xs[c]).size).toBeLessThanOrEqual(1);
    if (c > 0 && boxes.length > 0) {
      for (const left of columnOf(layout, c - 1)) expect(left.x + left.width).toBeLessThan(boxes[0]!.x);
    }
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height + LAYOUT.boxGap);
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(LAYOUT.margin + LAYOUT.headingHeight);
      expect(b.x + b.width).toBeLessThanOrEqual(layout.width);
      expect(b.y + b.height).toBeLessThanOrEqual(layout.height);
      expect(b.height).toBe((b.lines.length + (b.status ? 1 : 0)) * LAYOUT.lineHeight + 2 * LAYOUT.padding);
    }
  }
  // The column order follows the diagram's own order.
  expect(columnOf(layout, 1).map((b) => b.id)).toEqual(diagram.primary.map((n) => n.id));
  expect(columnOf(layout, 2).map((b) => b.id)).toEqual(diagram.secondary.map((n) => n.id));
  expect(columnOf(layout, 3).map((b) => b.id)).toEqual(diagram.changeIdeas.map((n) => n.id));
  // Every link, and the aim's line to each primary driver, is one connector from the parent's right edge to the child's left edge.
  const links = [...diagram.primary.map((p) => `aim>${p.id}`), ...[...diagram.secondary, ...diagram.changeIdeas].flatMap((n) => n.parentIds.map((p) => `${p}>${n.id}`))];
  expect(layout.connectors.map((c) => `${c.from}>${c.to}`).sort()).toEqual(links.sort());
  const placed = new Map(layout.boxes.map((b) => [b.id, b]));
  for (const c of layout.connectors) {
    const numbers = c.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const [from, to] = [placed.get(c.from)!, placed.get(c.to)!];
    expect(numbers[0]).toBeCloseTo(from.x + from.width, 0);
    expect(numbers[1]).toBeCloseTo(from.y + from.height / 2, 0);
    expect(numbers.at(-2)).toBeCloseTo(to.x, 0);
    expect(numbers.at(-1)).toBeCloseTo(to.y + to.height / 2, 0);
  }
}

describe("layoutDiagram", () => {
  it("places the sample diagram soundly: columns left to right, no overlaps, a line for every link", () => {
    const diagram = sampleDiagram();
    const layout = layoutDiagram(diagram, AIM);
    expectSoundLayout(diagram, layout);
    expect(layout.connectors).toHaveLength(2 + 4 + 4);
    expect(columnOf(layout, 0).map((b) => b.lines.join(" "))).toEqual([AIM]);
  });

  it("gives change ideas a status line and nothing else one", () => {
    const layout = layoutDiagram(sampleDiagram(), AIM);
    expect(layout.boxes.map((b) => [b.id, b.status])).toEqual([
      ["aim", null],
      ["p1", null],
      ["p2", null],
      ["s1", null],
      ["s2", null],
      ["s3", null],
      ["c1", "IDEA"],
      ["c2", "TESTING"],
      ["c3", "ADOPTED"],
    ]);
  });

  it("shows a change idea without a status as an idea", () => {
    const diagram = buildDiagram([box("p", "PRIMARY", 0), box("s", "SECONDARY", 0, ["p"]), box("c", "CHANGE_IDEA", 0, ["s"], null)]);
    expect(layoutDiagram(diagram, AIM).boxes.find((b) => b.id === "c")!.status).toBe("IDEA");
  });

  it("keeps the same size whatever the diagram's width, and a minimum height when empty", () => {
    const empty = layoutDiagram(buildDiagram([]), "Aim");
    const full = layoutDiagram(sampleDiagram(), AIM);
    expect(empty.width).toBe(full.width);
    expect(empty.width).toBe(2 * LAYOUT.margin + 4 * LAYOUT.columnWidth + 3 * LAYOUT.gap);
    expect(empty.height).toBe(2 * LAYOUT.margin + LAYOUT.headingHeight + 80);
    expect(empty.boxes.map((b) => b.id)).toEqual(["aim"]);
    expect(empty.connectors).toEqual([]);
  });

  it("centres a shorter column on the tallest", () => {
    const layout = layoutDiagram(sampleDiagram(), AIM);
    const middle = (col: number) => {
      const boxes = columnOf(layout, col);
      return (boxes[0]!.y + boxes.at(-1)!.y + boxes.at(-1)!.height) / 2;
    };
    expect(middle(0)).toBeCloseTo(middle(3), 6);
    expect(middle(1)).toBeCloseTo(middle(3), 6);
  });

  it("places any valid diagram soundly", () => {
    fc.assert(
      fc.property(validDiagramArb, (diagram) => expectSoundLayout(diagram, layoutDiagram(diagram, AIM))),
      { numRuns: 200 },
    );
  });
});

describe("escapeXml", () => {
  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
  });

  it("drops characters XML cannot carry, keeping tabs, line breaks and characters beyond the basic plane", () => {
    expect(escapeXml("a\u0000b\u0007c\u001Fd\uFFFEe\uD800f")).toBe("abcdef");
    expect(escapeXml("tab\there\nline\r🙂")).toBe("tab\there\nline\r🙂");
  });
});

describe("renderDiagramSvg", () => {
  const hostile = `<script>alert(1)</script> & "x"`;

  function hostileDiagram(): DriverDiagram {
    return buildDiagram([
      { ...box(`p"1`, "PRIMARY", 0), text: hostile },
      { ...box("s1", "SECONDARY", 0, [`p"1`]), text: `Tom's <b>bold</b> idea` },
      { ...box("c1", "CHANGE_IDEA", 0, ["s1"], "ABANDONED"), text: "]]> &amp; &#60;" },
    ]);
  }

  it("escapes the team's words wherever they appear, so none is read as markup", () => {
    const svg = renderDiagramSvg(hostileDiagram(), hostile, `Driver diagram for ${hostile}`);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain(`& "x"`);
    expect(svg).not.toContain(`p"1`);
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    expect(svg).toContain(`<title id="dd-title">Driver diagram for &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>`);
    expect(svg).toContain("&amp;amp; &amp;#60;");
    expect(xmlProblems(svg)).toEqual([]);
  });

  it("keeps the words themselves: unescaped, each box's lines are the wrapped text", () => {
    const diagram = hostileDiagram();
    const texts = boxTexts(renderDiagramSvg(diagram, hostile, "t"));
    expect(texts.get("aim")).toEqual(wrapText(hostile));
    expect(texts.get(`p"1`)).toEqual(wrapText(hostile));
    expect(texts.get("s1")).toEqual(wrapText(`Tom's <b>bold</b> idea`));
    expect(texts.get("c1")).toEqual([...wrapText("]]> &amp; &#60;"), "Abandoned"]);
  });

  it("writes each change idea's status in its box, so colour is not the only cue", () => {
    const texts = boxTexts(renderDiagramSvg(sampleDiagram(), AIM, "t"));
    expect(texts.get("c1")!.at(-1)).toBe(STATUS_LABELS.IDEA);
    expect(texts.get("c2")!.at(-1)).toBe(STATUS_LABELS.TESTING);
    expect(texts.get("c3")!.at(-1)).toBe(STATUS_LABELS.ADOPTED);
    for (const id of ["p1", "s2"]) expect(texts.get(id)!.some((t) => Object.values(STATUS_LABELS).includes(t))).toBe(false);
  });

  it("describes the diagram for screen readers, with the change ideas' statuses", () => {
    const svg = renderDiagramSvg(sampleDiagram(), AIM, "Ward 7 driver diagram");
    expect(svg).toContain(`<desc id="dd-desc">Driver diagram: 2 primary drivers, 3 secondary drivers, 3 change ideas (1 idea, 1 testing, 1 adopted).</desc>`);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="dd-title dd-desc"/);
  });

  it("draws the four column headings and a line for every link", () => {
    const diagram = sampleDiagram();
    const svg = renderDiagramSvg(diagram, AIM, "t");
    for (const heading of ["Aim", "Primary drivers", "Secondary drivers", "Change ideas"]) expect(svg).toContain(`>${heading}</text>`);
    expect(svg.match(/<path /g)).toHaveLength(layoutDiagram(diagram, AIM).connectors.length);
    expect(svg).toContain(`data-from="s3" data-to="c2"`);
  });

  it('says "No drivers yet" on an empty diagram, and only then', () => {
    const empty = renderDiagramSvg(buildDiagram([]), AIM, "t");
    expect(empty).toContain(">No drivers yet</text>");
    expect(empty).toContain("0 primary drivers, 0 secondary drivers, 0 change ideas.");
    expect(xmlProblems(empty)).toEqual([]);
    expect(renderDiagramSvg(sampleDiagram(), AIM, "t")).not.toContain("No drivers yet");
  });

  it("contains no script, event handler or outside reference", () => {
    const svg = renderDiagramSvg(hostileDiagram(), hostile, hostile);
    expect(svg).not.toMatch(/<script|\son\w+=|href=|<foreignObject|<image/i);
  });

  it("stays well-formed, and keeps every word, whatever the team typed", () => {
    const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.string({ maxLength: 80 }), fc.constantFrom(hostile, "]]>", "&#x0;", "<!--", "\uD83D"));
    fc.assert(
      fc.property(validDiagramArb, anyText, anyText, anyText, (diagram, boxText, aimText, title) => {
        const withText: DriverDiagram = { ...diagram, primary: diagram.primary.map((p, i) => (i === 0 ? { ...p, text: boxText } : p)) };
        const svg = renderDiagramSvg(withText, aimText, title);
        expect(xmlProblems(svg)).toEqual([]);
        const texts = boxTexts(svg);
        const legible = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
        expect(texts.get(withText.primary[0]!.id)).toEqual(wrapText(boxText).map(legible));
        expect(texts.get("aim")).toEqual(wrapText(aimText).map(legible));
      }),
      { numRuns: 300 },
    );
  });
});

describe("status colours", () => {
  // WCAG 2.2 AA: the status word is small bold text, so it needs 4.5:1 on its box.
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it.each(Object.entries(STATUS_COLOURS))("the %s status word has at least 4.5:1 contrast on its box", (_status, { fill, stripe }) => {
    expect(contrast(fill, stripe)).toBeGreaterThanOrEqual(4.5);
  });

  it("measures contrast correctly (black on white is 21:1, a light grey fails)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#ffffff", "#768692")).toBeLessThan(4.5);
  });
});
