import { describe, expect, it } from "vitest";
import { decide, failsGate, statusOf, worstStatus } from "./decide.js";
import type { CheckResult, Status } from "./model.js";

const check = (status: Status): CheckResult => ({
  id: "chain",
  target: "log.jsonl",
  status,
  summary: "",
  metrics: {},
  clauses: [],
  findings: [],
});

describe("decide", () => {
  it.each([
    [["pass", "pass"], "fail", "pass"],
    [["pass", "warn"], "fail", "pass"],
    [["pass", "fail"], "fail", "fail"],
    [["pass", "error"], "fail", "fail"],
    [["pass", "skip"], "fail", "pass"],
    [["warn"], "warn", "fail"],
    [["fail"], "error", "pass"],
    [["error"], "error", "fail"],
  ] as const)("checks %j under fail-on %s give %s", (statuses, failOn, verdict) => {
    expect(decide(statuses.map(check), { failOn })).toBe(verdict);
  });

  it("fails when nothing was checked: no green gate over an empty set of evidence", () => {
    expect(decide([], { failOn: "fail" })).toBe("fail");
  });

  it("orders statuses error > fail > warn > pass > skip", () => {
    expect(statusOf([])).toBe("pass");
    expect(statusOf(["warn", "fail", "warn"])).toBe("fail");
    expect(statusOf(["fail", "error"])).toBe("error");
    expect(worstStatus("skip", "pass")).toBe("pass");
    expect(failsGate("warn", "fail")).toBe(false);
    expect(failsGate("warn", "warn")).toBe(true);
  });
});
