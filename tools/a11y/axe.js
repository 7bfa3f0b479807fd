// Run axe-core in the system Chromium on local HTML files; print {file: [violations]} as JSON.
// Usage: node axe.js FILE.html...   (CHROMIUM names the browser; default /usr/bin/chromium)
"use strict";
const fs = require("fs");
const path = require("path");
const url = require("url");
const puppeteer = require("puppeteer-core");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function main(files) {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // Root in CI: Chromium's sandbox needs a user namespace it does not get there.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const found = {};
  try {
    for (const file of files) {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(true);
      await page.goto(url.pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }));
      found[file] = result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")),
      }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found, null, 1) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(2);
});
