import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../test/helpers/cli.js";
import { compatibilityViolations } from "./compat.js";
import { checkEventsFile } from "./index.js";
import { type EventRef, isolationViolations, scopeViolations } from "./tenancy.js";

const REAL = "fixtures/peers/spanforge/first_100.jsonl";
const realEvents = readFileSync(REAL, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Record<string, unknown>);
const base = realEvents[0] as Record<string, unknown>;
const scratch = mkdtempSync(join(tmpdir(), "comply-gate-events-"));

function violations(change: Record<string, unknown>, remove: string[] = []): string[] {
  const event: Record<string, unknown> = { ...base, ...change };
  for (const key of remove) delete event[key];
  return compatibilityViolations(event).map((v) => `${v.check}/${v.severity}: ${v.detail}`);
}

describe("the five-point checklist on real spanforge events", () => {
  it("passes all 100 events of a real spanforge chain, schema included", async () => {
    const result = await checkEventsFile({ path: REAL, displayPath: REAL });
    expect(result.findings).toEqual([]);
    expect(result.status).toBe("pass");
    expect(result.metrics.events).toBe(100);
  });

  it("CHK-1: schema_version and source present and non-empty, payload a non-empty object (as spanforge assigns them)", () => {
    expect(violations({ source: "" })).toEqual(["CHK-1/fail: source must be present and a non-empty string"]);
    expect(violations({ schema_version: "" })).toContain(
      "CHK-1/fail: schema_version must be present and a non-empty string",
    );
    expect(violations({ payload: {} })).toEqual(["CHK-1/fail: payload must be a non-empty object"]);
    expect(violations({ payload: [1] })).toEqual(["CHK-1/fail: payload must be a non-empty object"]);
  });

  it("CHK-1, stricter than spanforge and saying so: a missing timestamp (spanforge refuses such an event earlier)", () => {
    const found = violations({}, ["timestamp"]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^CHK-1\/fail: timestamp must be present .*stricter than spanforge/);
  });

  it("CHK-2, not CHK-1: an empty or missing event_type, as spanforge reports it", () => {
    expect(violations({ event_type: "" })).toEqual(["CHK-2/fail: event_type must be present and non-empty"]);
    expect(violations({}, ["event_type"])).toEqual(["CHK-2/fail: event_type must be present and non-empty"]);
  });

  it("CHK-5, stricter than spanforge's current checklist and saying so: an empty event_id", () => {
    const found = violations({ event_id: "" });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^CHK-5\/fail: event_id must be present .*stricter than spanforge/);
  });

  it.each([
    ["decision.made", []],
    ["com.example.entity.action", []],
    ["x.acme.thing.happened", []],
    ["com.example.made", ["does not match spanforge's event type pattern"]],
    ["Decision.Made", ["does not match spanforge's event type pattern"]],
    ["llm.trace.foo.bar", ["the namespace llm.trace is reserved"]],
    ["decision.custom", ["the namespace decision is reserved"]],
    ["com.example.entity.action\n", ["ends with a newline"]],
  ])("CHK-2: %j", (type, problems) => {
    const found = violations({ event_type: type }).filter((v) => v.startsWith("CHK-2"));
    expect(found).toHaveLength(problems.length);
    for (const [i, p] of problems.entries()) expect(found[i]).toContain(p);
  });

  it.each([
    ["harness@1.0.0", 0],
    ["MyAgent@1.0.0", 0], // spanforge's pattern allows capitals and `_`
    ["my_tool@1.2.3-beta.1", 0],
    ["my-tool@1.0", 1], // only the legacy package's pattern allowed two version numbers: spanforge fails it
    ["tool", 1],
    ["tool@1", 1],
  ])("CHK-3: source %j", (source, count) => {
    expect(violations({ source }).filter((v) => v.startsWith("CHK-3"))).toHaveLength(count);
  });

  it("CHK-3 flags the trailing newline Python's $ lets through", () => {
    expect(violations({ source: "tool@1.0.0\n" })).toContain(
      "CHK-3/fail: source ends with a newline (Python's regex lets this through)",
    );
  });

  it("CHK-4: schema_version present and a version spanforge defines (spanforge never implemented CHK-4)", () => {
    expect(violations({ schema_version: "1.0" }).filter((v) => v.startsWith("CHK-4"))).toEqual([]);
    expect(violations({ schema_version: "3.0" })).toContain(
      'CHK-4/fail: schema_version must be "1.0" or "2.0" (got "3.0")',
    );
    expect(violations({}, ["schema_version"])).toContain(
      "CHK-4/fail: schema_version is omitted: every event must declare its envelope version",
    );
  });

  it.each([
    [(base.event_id as string).toLowerCase(), 0], // spanforge's validator accepts lower case
    [`8${(base.event_id as string).slice(1)}`, 1], // above 48 bits
    [(base.event_id as string).slice(1), 1], // 25 characters
    [`${(base.event_id as string).slice(0, 25)}I`, 1], // not Crockford
  ])("CHK-5: event_id %s", (eventId, count) => {
    expect(violations({ event_id: eventId }).filter((v) => v.startsWith("CHK-5/fail"))).toHaveLength(count);
  });

  it("CHK-5 warns when the ULID's time is more than a day from the event's timestamp", () => {
    expect(violations({ timestamp: "2026-01-03T00:00:00.000000Z" })).toEqual([
      expect.stringMatching(
        /^CHK-5\/warn: the event_id's time \(2026-01-01T\d\d:\d\d:\d\d\.\d+Z\) is more than a day from/,
      ),
    ]);
  });

  it("reports envelope schema problems, a malformed line and JSON arrays, located", async () => {
    const path = join(scratch, "mixed.jsonl");
    const lines = realEvents.slice(0, 5).map((e) => JSON.stringify(e));
    lines[1] = JSON.stringify({ ...realEvents[1], unexpected: true });
    lines.splice(3, 0, "{broken");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const result = await checkEventsFile({ path, displayPath: "mixed.jsonl" });
    expect(result.findings.map((f) => [f.rule, f.location.line, f.severity])).toEqual([
      ["events.schema", 2, "fail"],
      ["events.malformed", 4, "error"],
    ]);
    expect(result.findings[0]?.location.eventId).toBe(realEvents[1]?.event_id);
    const array = join(scratch, "events.json");
    writeFileSync(array, JSON.stringify(realEvents.slice(0, 10)));
    expect((await checkEventsFile({ path: array, displayPath: "events.json" })).metrics.events).toBe(10);
  });

  it("fails closed on an empty file", async () => {
    const path = join(scratch, "empty.jsonl");
    writeFileSync(path, "");
    const result = await checkEventsFile({ path, displayPath: "empty.jsonl" });
    expect(result.status).toBe("error");
    expect(result.findings[0]?.message).toBe("the file holds no events: nothing was checked");
  });
});

const ref = (line: number, orgId?: string, teamId?: string): EventRef => ({ eventId: `E${line}`, line, orgId, teamId });

describe("tenant isolation and scope", () => {
  it("finds missing, mixed and shared org_ids, in spanforge's documented shape", () => {
    const a = [ref(1, "org-a"), ref(2), ref(3, "org-z")];
    const b = [ref(1, "org-b"), ref(2, "org-a")];
    const found = isolationViolations(a, b, { strict: true }).map((v) => `${v.type}:${v.group}:${v.ref.line}`);
    expect(found).toEqual([
      "missing_org_id:a:2",
      "mixed_org_ids:a:3",
      "mixed_org_ids:b:1",
      "shared_org_id:a:1",
      "shared_org_id:b:2",
    ]);
  });

  it("treats an empty org_id as missing (spanforge's legacy check takes it for an org), only when strict", () => {
    const a = [{ eventId: "E1", line: 1, orgId: undefined, teamId: undefined }];
    expect(isolationViolations(a, [ref(1, "org-b")], { strict: true }).map((v) => v.type)).toEqual(["missing_org_id"]);
    expect(isolationViolations(a, [ref(1, "org-b")], { strict: false })).toEqual([]);
  });

  it("scopes events to an org and a team", () => {
    const found = scopeViolations([ref(1, "org-a", "t1"), ref(2, "org-b", "t1"), ref(3, "org-a")], {
      org: "org-a",
      team: "t1",
    });
    expect(found.map((v) => `${v.type}:${v.ref.line}:${v.detail}`)).toEqual([
      'wrong_org_id:2:expected org_id="org-a", got "org-b"',
      'wrong_team_id:3:expected team_id="t1", got none',
    ]);
  });

  it("scopes events to a team alone, as spanforge's verify_events_scoped does with no expected org", () => {
    const found = scopeViolations([ref(1, "org-a", "t1"), ref(2, "org-b", "t1"), ref(3, "org-a", "t2")], {
      team: "t1",
    });
    expect(found.map((v) => `${v.type}:${v.ref.line}`)).toEqual(["wrong_team_id:3"]);
  });

  it("checks a team alone from the CLI (--team without --org)", async () => {
    const file = join(scratch, "team-only.jsonl");
    const events = realEvents.slice(0, 2).map((e, i) => ({ ...e, team_id: i === 0 ? "t1" : "t2" }));
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join("\n")}\n`);
    const run = await runCli(["scope", file, "--team", "t1"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/fail +wrong_team_id/);
    expect(run.stdout).not.toMatch(/wrong_org_id/);
    expect((await runCli(["scope", file])).code).toBe(2);
  });

  it("takes a team-only scope from the config file, judging the team clause alone", async () => {
    const dir = mkdtempSync(join(scratch, "team-"));
    const events = realEvents.slice(0, 3).map((e, i) => ({ ...e, team_id: i === 2 ? "t2" : "t1" }));
    writeFileSync(join(dir, "events.jsonl"), `${events.map((e) => JSON.stringify(e)).join("\n")}\n`);
    writeFileSync(join(dir, "comply-gate.yml"), "scope:\n  - path: events.jsonl\n    team: t1\n");
    const { code, stdout } = await runCli(["check", "--json"], { cwd: dir });
    const scope = (JSON.parse(stdout) as { checks: { id: string; status: string; clauses: { id: string }[] }[] })
      .checks[0];
    expect(code).toBe(1);
    expect(scope?.status).toBe("fail");
    expect(scope?.clauses.map((c) => c.id)).toEqual(["wrong_team_id"]);
    writeFileSync(join(dir, "comply-gate.yml"), "scope:\n  - path: events.jsonl\n");
    const invalid = await runCli(["check"], { cwd: dir });
    expect(invalid.code).toBe(2);
  });

  it("runs from the CLI with exit codes 0, 1 and 2", async () => {
    const other = join(scratch, "tenant-b.jsonl");
    writeFileSync(
      other,
      `${realEvents
        .slice(0, 3)
        .map((e) => JSON.stringify({ ...e, org_id: "org-beta" }))
        .join("\n")}\n`,
    );
    expect((await runCli(["isolation", REAL, other])).code).toBe(0);
    const shared = await runCli(["isolation", REAL, REAL]);
    expect(shared.code).toBe(1);
    expect(shared.stdout).toMatch(/fail +shared_org_id/);
    expect((await runCli(["scope", REAL, "--org", "org-alpha"])).code).toBe(0);
    const wrong = await runCli(["scope", REAL, "--org", "org-beta", "--json"]);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).checks[0].findings[0]).toMatchObject({
      rule: "wrong_org_id",
      location: { line: 1 },
    });
    expect((await runCli(["scope", REAL])).code).toBe(2);
    expect((await runCli(["events", "nope.jsonl"])).code).toBe(2);
    expect((await runCli(["events", REAL])).code).toBe(0);
  });
});
