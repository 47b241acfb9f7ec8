// Builds engagement/static: our stylesheet in both directions, GOV.UK Frontend's
// JavaScript, and our own small script. Run with `npm run build`.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";
import rtlcss from "rtlcss";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static");
const govuk = join(here, "node_modules", "govuk-frontend", "dist", "govuk");
mkdirSync(join(out, "govuk"), { recursive: true });

const { css } = sass.compile(join(here, "scss", "app.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), css);
writeFileSync(join(out, "app-rtl.css"), rtlcss.process(css));
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk", "govuk-frontend.min.js"));
writeFileSync(join(out, "app.js"), readFileSync(join(here, "js", "app.js")));
cpSync(join(here, "images"), join(out, "images"), { recursive: true });
console.log(`built ${out}`);
