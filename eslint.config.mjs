import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Imports run one way: app → components → lib. The shared kit (components/) knows no route, and
// the domain (lib/) knows neither routes nor React components, so either can be read and tested alone.
const appImports = { group: ["@/app/*", "@/app/**", "**/app/*", "**/app/**"], message: "Only app/ may import from app/: move what is shared into components/ or lib/." };
const componentImports = { group: ["@/components/*", "@/components/**", "**/components/*", "**/components/**"], message: "lib/ is the domain and knows no React component." };
const testImports = { group: ["**/tests/*", "**/tests/**"], message: "Nothing outside tests/ imports from tests/: shared helpers live in scripts/support." };

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ["public/kiosk.js", ".next/**", ".next-*/**", "generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  { files: ["components/**"], rules: { "no-restricted-imports": ["error", { patterns: [appImports, testImports] }] } },
  { files: ["lib/**"], rules: { "no-restricted-imports": ["error", { patterns: [appImports, componentImports, testImports] }] } },
  { files: ["scripts/**", "app/**"], rules: { "no-restricted-imports": ["error", { patterns: [testImports] }] } },
];

export default config;
