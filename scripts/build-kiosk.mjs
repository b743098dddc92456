// Builds public/kiosk.js, the ward tablet's script, from lib/survey/tablets/kiosk-client.ts with
// idb bundled in: one small file the service worker can keep, outside Next's own bundles (the kiosk
// is a plain HTML page, like the phone survey). Run by postinstall and by `npm run build`; the
// output is not committed.
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
await build({
  entryPoints: [path.join(root, "lib/survey/tablets/kiosk-client.ts")],
  outfile: path.join(root, "public/kiosk.js"),
  bundle: true,
  format: "iife",
  target: ["es2020"],
  minify: true,
  legalComments: "none",
  tsconfig: path.join(root, "tsconfig.json"),
  banner: { js: "// Built from lib/survey/tablets/kiosk-client.ts by scripts/build-kiosk.mjs: edit that file, not this one." },
  logLevel: "warning",
});
