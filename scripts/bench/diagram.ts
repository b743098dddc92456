// npm run bench:diagram
//
// The driver diagram at its size limits (20 primary drivers, 60 secondary drivers, 150 change
// ideas, each linked twice): how long lib/improvement renders it to SVG (done on every diagram
// page view and download) and how large the SVG is. No goal is set by the issue; this keeps the
// figure measured rather than guessed.
import { buildDiagram, MAX_BOXES, type DiagramBox } from "@/lib/improvement/driver-diagram";
import { renderDiagramSvg } from "@/lib/improvement/diagram-svg";
import { COLLABORATIVE_AIM } from "@/lib/improvement/aim";

const boxes: DiagramBox[] = [];
const { PRIMARY: p, SECONDARY: s, CHANGE_IDEA: c } = MAX_BOXES;
for (let i = 0; i < p; i++) boxes.push({ id: `p${i}`, kind: "PRIMARY", text: `Primary driver ${i}: what must be true on the ward for people to feel safe`, position: i, status: null, parentIds: [] });
for (let i = 0; i < s; i++) boxes.push({ id: `s${i}`, kind: "SECONDARY", text: `Secondary driver ${i}, a part of the system that moves it`, position: i, status: null, parentIds: [`p${i % p}`, `p${(i * 7) % p}`] });
for (let i = 0; i < c; i++) boxes.push({ id: `c${i}`, kind: "CHANGE_IDEA", text: `Change idea ${i} to test on the ward`, position: i, status: "TESTING", parentIds: [`s${i % s}`, `s${(i * 13) % s}`] });
const diagram = buildDiagram(boxes);

const runs = 200;
for (let k = 0; k < 20; k++) renderDiagramSvg(diagram, COLLABORATIVE_AIM, "warm-up");
const times: number[] = [];
let svg = "";
for (let k = 0; k < runs; k++) {
  const start = performance.now();
  svg = renderDiagramSvg(diagram, COLLABORATIVE_AIM, "Largest diagram");
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
console.log(`driver diagram at its limits (${p} primary, ${s} secondary, ${c} change ideas, ${s * 2 + c * 2 + p} links)`);
console.log(`  render to SVG: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${runs} runs`);
console.log(`  SVG size: ${(Buffer.byteLength(svg) / 1024).toFixed(0)} KB`);
