import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import type { Report } from "../core/model.js";
import { barChart, renderHtml } from "./html.js";

const CHAIN_KEY = { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" };

async function reportOf(args: string[]): Promise<Report> {
  const run = await runCli([...args, "--json"], { env: CHAIN_KEY });
  return JSON.parse(run.stdout) as Report;
}

const demo = await reportOf(["check", "--config", "fixtures/demo/comply-gate.yml"]);
const diff = await reportOf(["diff", "fixtures/snapshots/baseline.json", "fixtures/snapshots/regressed.json"]);
const planted = await reportOf(["dataset", "fixtures/datasets/planted-identifiers.jsonl"]);

describe("the HTML report", () => {
  it("is one self-contained file: no script, no external resource, a CSP that forbids both", () => {
    const html = renderHtml(demo);
    expect(html).not.toMatch(/<script|<link|<img|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain("default-src 'none'");
    expect(renderHtml(demo)).toBe(html); // deterministic
  });

  it("escapes everything that came from the evidence", () => {
    const hostile: Report = {
      ...demo,
      checks: [
        {
          ...(demo.checks[0] as Report["checks"][number]),
          target: '<img src=x onerror="alert(1)">',
          summary: "</style><script>alert(1)</script>",
        },
      ],
    };
    const html = renderHtml(hostile);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("draws the metric diff, the PII entity counts and the chain logs as inline SVG", () => {
    expect(renderHtml(diff)).toContain('aria-label="Metrics: baseline and current"');
    expect(renderHtml(planted)).toMatch(
      /aria-label="Personal data found in .*planted-identifiers\.jsonl, by entity type"/,
    );
    expect(renderHtml(planted)).toMatch(/aria-label="Personal data found in [^"]*, by file"/);
    expect(planted.checks[0]?.clauses[0]?.evidence.fileMatches).toEqual([5]);
    const chains = renderHtml(demo);
    expect(chains).toContain('aria-label="Audit chains: entries verified per run"');
    // The demo torchcomply log holds five appended runs: one bar each, and one for the spanforge chain.
    expect(chains).toContain("torchcomply_audit_chain.jsonl · run 5");
    expect(chains).toContain(">spanforge_events.jsonl<");
    const chart = barChart({
      title: "t",
      bars: [
        { label: "a", value: 2 },
        { label: "b", value: 1 },
      ],
    });
    expect(chart.match(/<rect/g)).toHaveLength(2);
  });

  it("never shows a planted identifier", () => {
    const html = renderHtml(planted);
    for (const value of ["jane.planted@acme-corp.io", "4532015112830473", "536-22-8765", "DE89"]) {
      expect(html).not.toContain(value);
    }
  });
});

/**
 * In a real browser (Debian's chromium via playwright-core). `.ci/run` installs Chromium and sets
 * COMPLY_GATE_REQUIRE_BROWSER=1, so there the test cannot be skipped; elsewhere it runs when Chromium is there.
 */
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const required = process.env.COMPLY_GATE_REQUIRE_BROWSER === "1";
describe.runIf(CHROMIUM !== undefined || required)("the HTML report in headless Chromium", () => {
  it("shows the verdict, the failing clause, the charts and no console error; a screenshot is kept", async () => {
    if (!CHROMIUM) throw new Error("Chromium is required here (COMPLY_GATE_REQUIRE_BROWSER=1) but not installed");
    const out = resolve("test-results");
    mkdirSync(out, { recursive: true });
    const failing: Report = { ...diff, checks: [...demo.checks, ...diff.checks], verdict: "fail" };
    const file = join(out, "report.html");
    writeFileSync(file, renderHtml(failing));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      const requests: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      await page.goto(`file://${file}`);
      await expect(page.locator("#verdict").innerText()).resolves.toContain("FAILED");
      expect(await page.locator("#verdict").isVisible()).toBe(true);
      expect(await page.locator("#overview tbody tr").count()).toBe(failing.checks.length);
      expect(await page.getByText("fairness_parity", { exact: false }).first().isVisible()).toBe(true);
      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      const box = await charts.first().boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      await page.screenshot({ path: join(out, "report.png"), fullPage: true });
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("details table").first().isVisible()).toBe(true); // findings print expanded
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(readFileSync(join(out, "report.png")).length).toBeGreaterThan(10_000);
  }, 60_000);
});
