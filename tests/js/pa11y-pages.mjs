// Runs pa11y (HTML_CodeSniffer, WCAG 2 AA) on every URL given after the first argument, in one
// Chromium (the path in CHROMIUM_PATH), and prints {url: [issue, ...]} as JSON. Only errors are
// kept; pa11y's warnings and notices are advice for a person, not failures.
import puppeteer from "puppeteer";
import pa11y from "pa11y";

const urls = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium-headless-shell",
  headless: "shell",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const results = {};
try {
  for (const url of urls) {
    const page = await browser.newPage();
    const result = await pa11y(url, {
      browser,
      page,
      standard: "WCAG2AA",
      includeWarnings: false,
      includeNotices: false,
      timeout: 60000,
    });
    results[url] = result.issues.map(({ code, selector, message }) => ({ code, selector, message }));
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
