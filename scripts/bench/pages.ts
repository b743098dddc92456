// npm run bench:pages
//
// What a phone downloads for each patient-facing survey page, as the app (npm start's server)
// sends it with gzip: the HTML, then the stylesheet, script and pictures it links to. The goal
// (issue 15): the standard survey page stays under 15 KB transferred. Prints one row per page.
import { gzipSync } from "node:zlib";
import { request } from "node:http";
import { startAppServer } from "../support/app-server";
import { cleanUp, cleanUpOnInterrupt, onCleanUp } from "../support/cleanup";
import { createTestDatabase } from "../support/db";
import { createWard, testPrisma } from "../support/prisma";
import { SURVEY_LANGUAGES } from "../../lib/survey/instrument";

const GOAL_BYTES = 15 * 1024;

/** Bytes on the wire for one GET, as a browser asking for gzip gets it. */
function transferred(url: string): Promise<{ bytes: number; body: string; encoding: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = String(res.headers["content-encoding"] ?? "identity");
        // Headers count too: a rough 300 bytes each way is what a phone sends and gets back.
        resolve({ bytes: raw.length + 300, body: encoding === "gzip" ? "" : raw.toString(), encoding });
      });
    })
      .on("error", reject)
      .end();
  });
}

/** What a page links to that the browser fetches: its stylesheet, scripts and pictures. */
const linked = (html: string) => [...new Set([...html.matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js|svg)\?v=[0-9a-f]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")))];

cleanUpOnInterrupt("stopping the app");
const database = await createTestDatabase("wardsafe_bench_pages");
onCleanUp(() => database.drop());
const prisma = testPrisma(database.databaseUrl);
const ward = (await createWard(prisma, { name: "Maple Ward", charterContact: "Speak to the ward manager, Alex, on 0161 496 0123." })).ward;
// Every language switched on: each page then carries all nine language links, the heaviest case.
await prisma.surveyLanguage.createMany({ data: SURVEY_LANGUAGES.map((language) => ({ code: language.code, enabled: true })) });
await prisma.$disconnect();
const app = await startAppServer({ databaseUrl: database.databaseUrl });
onCleanUp(() => app.stop());

const pages: [string, string][] = [
  ["survey, standard", `/s/${ward.surveyCode}`],
  ["survey, easy read", `/s/${ward.surveyCode}?format=easy-read`],
  ["thank-you, standard", `/s/${ward.surveyCode}/thanks`],
  ["thank-you, easy read", `/s/${ward.surveyCode}/thanks?format=easy-read`],
  ...SURVEY_LANGUAGES.map((language): [string, string] => [`survey, ${language.englishName}`, `/s/${ward.surveyCode}?lang=${language.code}`]),
];

console.log("page                          HTML (gzip)  + linked files (gzip)  = total   files");
let standardTotal = 0;
let heaviestSurvey = 0;
for (const [name, path] of pages) {
  const html = await (await fetch(`${app.baseUrl}${path}`)).text();
  const page = await transferred(`${app.baseUrl}${path}`);
  let files = 0;
  const assets = linked(html);
  for (const asset of assets) files += (await transferred(`${app.baseUrl}${asset}`)).bytes;
  const total = page.bytes + files;
  if (name === "survey, standard") standardTotal = total;
  if (name.startsWith("survey, ") && !name.includes("easy read")) heaviestSurvey = Math.max(heaviestSurvey, total);
  console.log(
    `${name.padEnd(30)}${`${(page.bytes / 1024).toFixed(1)} KB`.padStart(11)}  ${`${(files / 1024).toFixed(1)} KB`.padStart(20)}  ${`${(total / 1024).toFixed(1)} KB`.padStart(8)}  ${String(assets.length).padStart(5)}   (${page.encoding}; uncompressed HTML ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB, gzip alone ${(gzipSync(html).length / 1024).toFixed(1)} KB)`,
  );
}
console.log(`\nstandard survey page, first visit: ${(standardTotal / 1024).toFixed(1)} KB — goal < ${GOAL_BYTES / 1024} KB: ${standardTotal < GOAL_BYTES ? "MET" : "NOT MET"}`);
console.log(`heaviest survey page in any language, first visit: ${(heaviestSurvey / 1024).toFixed(1)} KB — goal < ${GOAL_BYTES / 1024} KB: ${heaviestSurvey < GOAL_BYTES ? "MET" : "NOT MET"}`);
console.log("(later visits fetch only the HTML: the linked files are cached immutable for a year)");
await cleanUp();
