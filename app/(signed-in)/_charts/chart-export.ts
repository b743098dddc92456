// The run chart as a file of its own (SVG or PNG download).

/** The chart's SVG as a standalone file: white background, a title, no interactive attributes. */
export function standaloneSvg(svg: SVGSVGElement, title: string): { text: string; width: number; height: number } {
  const width = svg.width.baseVal.value || svg.clientWidth;
  const height = svg.height.baseVal.value || svg.clientHeight;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height + 28));
  clone.setAttribute("viewBox", `0 -28 ${width} ${height + 28}`);
  clone.setAttribute("font-family", "Arial, sans-serif");
  clone.removeAttribute("tabindex");
  clone.removeAttribute("role");
  clone.querySelectorAll("[tabindex]").forEach((el) => el.removeAttribute("tabindex"));
  const ns = "http://www.w3.org/2000/svg";
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("x", "0");
  background.setAttribute("y", "-28");
  background.setAttribute("width", String(width));
  background.setAttribute("height", String(height + 28));
  background.setAttribute("fill", "#ffffff");
  const heading = document.createElementNS(ns, "text");
  heading.setAttribute("x", "8");
  heading.setAttribute("y", "-8");
  heading.setAttribute("font-size", "15");
  heading.setAttribute("font-weight", "700");
  heading.setAttribute("fill", "#212b32");
  heading.textContent = title;
  const titleElement = document.createElementNS(ns, "title");
  titleElement.textContent = title;
  clone.prepend(titleElement, background, heading);
  return { text: new XMLSerializer().serializeToString(clone), width, height: height + 28 };
}

