/**
 * Which changes to the config weaken the gate. On a pull request the base branch's config is the policy and the
 * head's config is a proposal: every change that could let weaker or less evidence pass is a weakening, which
 * fails the gate until someone other than the author approves it. Tightening is free.
 *
 * Fail closed: a change whose direction cannot be told (a label column renamed, a mapping period moved, a
 * baseline relocated, a waiver's owner replaced) counts as a weakening. Pure: values in, list out.
 */

import type { ChainInputConfig, ConfigFile, DatasetInputConfig, MappingConfig } from "../config/config.js";
import { DEFAULT_LIMITS, type Limits } from "../core/limits.js";
import type { FailOn } from "../core/model.js";
import { DEFAULT_WAIVER_MAX_DAYS, type Waiver } from "../core/waivers.js";
import { type DatasetThresholds, DEFAULT_DATASET_OPTIONS, DEFAULT_THRESHOLDS } from "../dataset/options.js";

export type ChangeKind = "relaxed" | "raised" | "removed" | "added" | "changed" | "extended" | "made optional";

export interface Weakening {
  /** Where in the config, as a path of keys: `datasets[0].thresholds.piiDensity`, `chain[1].keyEnv`. */
  readonly key: string;
  readonly change: ChangeKind;
  /** The base's value and the head's, as written in the config (`(none)` when absent). */
  readonly from: string;
  readonly to: string;
}

/** One line per weakening: `key: change (from → to)`. */
export function describeWeakening(w: Weakening): string {
  return `${w.key} ${w.change}: ${w.from} → ${w.to}`;
}

const NONE = "(none)";
const show = (value: unknown): string => (value === undefined ? NONE : JSON.stringify(value));

// Stricter failOn fails on more: warn > fail > error.
const FAIL_ON_STRICTNESS: Record<FailOn, number> = { error: 0, fail: 1, warn: 2 };

/** Which way each dataset threshold gets weaker: a larger value (`up`) or a smaller one (`down`). */
const THRESHOLD_WEAKER: Record<keyof DatasetThresholds, "up" | "down"> = {
  piiDensity: "up",
  maxHighRiskPerRow: "up",
  lawfulBasisPct: "down",
  provenancePct: "down",
  labelImbalanceRatio: "up",
  duplicateWarnPct: "up",
  duplicateFailPct: "up",
  missingWarnPct: "up",
  missingFailPct: "up",
};

/** Collects weakenings; every helper below adds to it. */
class Findings {
  readonly list: Weakening[] = [];
  add(key: string, change: ChangeKind, from: unknown, to: unknown): void {
    this.list.push({ key, change, from: show(from), to: show(to) });
  }
  /** Any difference of a value whose direction cannot be told. */
  changed(key: string, from: unknown, to: unknown): void {
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      this.add(key, from === undefined ? "added" : to === undefined ? "removed" : "changed", from, to);
    }
  }
  /** A number that weakens when it grows (`up`) or shrinks (`down`). */
  number(key: string, from: number, to: number, weaker: "up" | "down", change: ChangeKind = "relaxed"): void {
    if (weaker === "up" ? to > from : to < from) this.add(key, change, from, to);
  }
  /** A set of names where adding one weakens (`added`) or removing one does (`removed`). */
  names(key: string, from: readonly string[], to: readonly string[], weaker: "added" | "removed"): void {
    const [a, b] = weaker === "added" ? [to, from] : [from, to];
    const extra = a.filter((name) => !b.includes(name));
    if (extra.length > 0)
      this.add(key, weaker, weaker === "added" ? undefined : extra, weaker === "added" ? extra : undefined);
  }
  optional(key: string, from: boolean | undefined, to: boolean | undefined): void {
    if (!(from ?? false) && (to ?? false)) this.add(key, "made optional", from ?? false, to);
  }
}

/**
 * Every way `head` is weaker than `base`, one entry per change, in config order. An empty list: the head's
 * config is as strict as the base's or stricter.
 */
export function weakenings(base: ConfigFile, head: ConfigFile): Weakening[] {
  const out = new Findings();
  const failOn = { from: base.failOn ?? "fail", to: head.failOn ?? "fail" };
  if (FAIL_ON_STRICTNESS[failOn.to] < FAIL_ON_STRICTNESS[failOn.from])
    out.add("failOn", "relaxed", failOn.from, failOn.to);
  compareLimits(out, base.limits, head.limits);
  out.number(
    "waiverMaxDays",
    base.waiverMaxDays ?? DEFAULT_WAIVER_MAX_DAYS,
    head.waiverMaxDays ?? DEFAULT_WAIVER_MAX_DAYS,
    "up",
    "raised",
  );
  compareWaivers(out, base.waivers ?? [], head.waivers ?? []);
  compareChains(out, base.chain ?? [], head.chain ?? []);
  compareEvents(out, base.events ?? [], head.events ?? []);
  compareDatasets(out, base.datasets ?? [], head.datasets ?? []);
  compareTenancy(out, base, head);
  compareDiff(out, base.diff, head.diff);
  return out.list;
}

function compareLimits(out: Findings, base: Partial<Limits> | undefined, head: Partial<Limits> | undefined): void {
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    out.number(
      `limits.${name}`,
      base?.[name] ?? DEFAULT_LIMITS[name],
      head?.[name] ?? DEFAULT_LIMITS[name],
      "up",
      "raised",
    );
  }
}

/** A waiver is known by its rule and path glob: a new pair is added, a later expiry extends, a new owner changes. */
function compareWaivers(out: Findings, base: readonly Waiver[], head: readonly Waiver[]): void {
  const same = (a: Waiver, b: Waiver) => a.rule === b.rule && (a.path ?? "**") === (b.path ?? "**");
  head.forEach((waiver, i) => {
    const key = `waivers[${i}]`;
    const before = base.find((w) => same(w, waiver));
    if (!before) {
      out.add(key, "added", undefined, { rule: waiver.rule, path: waiver.path ?? "**", expires: waiver.expires });
      return;
    }
    if (waiver.expires > before.expires) out.add(`${key}.expires`, "extended", before.expires, waiver.expires);
    if (waiver.owner !== before.owner) out.add(`${key}.owner`, "changed", before.owner, waiver.owner);
  });
}

/**
 * Chain and event inputs are judged per path: every path the base verifies must still be verified by a head
 * input with settings at least as strict. Adding paths or inputs only checks more.
 */
function compareChains(out: Findings, base: readonly ChainInputConfig[], head: readonly ChainInputConfig[]): void {
  base.forEach((input, i) => {
    for (const path of input.paths) {
      const j = head.findIndex((h) => h.paths.includes(path));
      const other = head[j];
      if (!other) {
        out.add(`chain[${i}].paths`, "removed", path, undefined);
        continue;
      }
      const key = `chain[${j}]`;
      out.changed(`${key}.format`, input.format ?? "auto", other.format ?? "auto");
      out.changed(`${key}.keyEnv`, input.keyEnv, other.keyEnv);
      out.changed(`${key}.keyMap`, input.keyMap, other.keyMap);
      out.changed(`${key}.anchor`, input.anchor, other.anchor);
      out.optional(`${key}.optional`, input.optional, other.optional);
    }
  });
}

type EventsInputConfig = NonNullable<ConfigFile["events"]>[number];

function compareEvents(out: Findings, base: readonly EventsInputConfig[], head: readonly EventsInputConfig[]): void {
  base.forEach((input, i) => {
    for (const path of input.paths) {
      const j = head.findIndex((h) => h.paths.includes(path));
      const other = head[j];
      if (!other) {
        out.add(`events[${i}].paths`, "removed", path, undefined);
        continue;
      }
      out.optional(`events[${j}].optional`, input.optional, other.optional);
      compareMapping(out, `events[${j}].mapping`, input.mapping, other.mapping);
    }
  });
}

function compareMapping(
  out: Findings,
  key: string,
  base: MappingConfig | undefined,
  head: MappingConfig | undefined,
): void {
  if (!base) return;
  if (!head) {
    out.add(key, "removed", { frameworks: base.frameworks }, undefined);
    return;
  }
  out.names(`${key}.frameworks`, base.frameworks, head.frameworks, "removed");
  for (const field of ["from", "to", "model", "registry", "keyEnv", "attestation"] as const) {
    out.changed(`${key}.${field}`, base[field], head[field]);
  }
  out.number(`${key}.maxAgeDays`, base.maxAgeDays ?? 90, head.maxAgeDays ?? 90, "up", "raised");
}

/** A dataset's rows are judged together, so it is known by its exact set of paths: adding a file can dilute a rate. */
function compareDatasets(
  out: Findings,
  base: readonly DatasetInputConfig[],
  head: readonly DatasetInputConfig[],
): void {
  const samePaths = (a: DatasetInputConfig, b: DatasetInputConfig) =>
    a.paths.length === b.paths.length && a.paths.every((p) => b.paths.includes(p));
  base.forEach((input, i) => {
    const j = head.findIndex((h) => samePaths(h, input));
    const other = head[j];
    if (!other) {
      out.add(
        `datasets[${i}].paths`,
        "changed",
        input.paths,
        head.find((h) => h.paths.some((p) => input.paths.includes(p)))?.paths,
      );
      return;
    }
    const key = `datasets[${j}]`;
    const d = DEFAULT_DATASET_OPTIONS;
    out.optional(`${key}.optional`, input.optional, other.optional);
    out.changed(`${key}.labelColumn`, input.labelColumn, other.labelColumn);
    // Id columns are left out of the duplicate-row hash; a unique column kept in it makes every row distinct,
    // so taking a name off the list can hide every duplicate.
    out.names(`${key}.idColumns`, input.idColumns ?? d.idColumns, other.idColumns ?? d.idColumns, "removed");
    out.names(`${key}.consentFields`, input.consentFields ?? [], other.consentFields ?? [], "added");
    out.names(`${key}.sourceFields`, input.sourceFields ?? [], other.sourceFields ?? [], "added");
    out.names(`${key}.requiredColumns`, input.requiredColumns ?? [], other.requiredColumns ?? [], "removed");
    out.names(`${key}.specialCategories`, input.specialCategories ?? [], other.specialCategories ?? [], "added");
    for (const name of Object.keys(THRESHOLD_WEAKER) as (keyof DatasetThresholds)[]) {
      out.number(
        `${key}.thresholds.${name}`,
        input.thresholds?.[name] ?? DEFAULT_THRESHOLDS[name],
        other.thresholds?.[name] ?? DEFAULT_THRESHOLDS[name],
        THRESHOLD_WEAKER[name],
      );
    }
  });
}

function compareTenancy(out: Findings, base: ConfigFile, head: ConfigFile): void {
  if (base.isolation) {
    if (!head.isolation) out.add("isolation", "removed", base.isolation, undefined);
    else {
      out.changed("isolation.a", base.isolation.a, head.isolation.a);
      out.changed("isolation.b", base.isolation.b, head.isolation.b);
      if ((base.isolation.strict ?? true) && !(head.isolation.strict ?? true)) {
        out.add("isolation.strict", "relaxed", true, false);
      }
    }
  }
  (base.scope ?? []).forEach((scope, i) => {
    const kept = (head.scope ?? []).some((s) => s.path === scope.path && s.org === scope.org && s.team === scope.team);
    if (!kept) out.add(`scope[${i}]`, "removed", scope, undefined);
  });
}

function compareDiff(out: Findings, base: ConfigFile["diff"], head: ConfigFile["diff"]): void {
  if (!base) return;
  if (!head) {
    out.add("diff", "removed", { snapshot: base.snapshot }, undefined);
    return;
  }
  out.changed("diff.snapshot", base.snapshot, head.snapshot);
  out.changed("diff.baseline", base.baseline, head.baseline);
  out.changed("diff.policy", base.policy, head.policy);
}

/**
 * Files the config points to whose content is policy too: a diff policy, a plain-file baseline, a key map, an
 * anchor, a model registry. Keyed like weakenings; paths as written (relative to the config's folder).
 */
export function referencedFiles(config: ConfigFile): { readonly key: string; readonly path: string }[] {
  const files: { key: string; path: string }[] = [];
  (config.chain ?? []).forEach((input, i) => {
    if (input.keyMap) files.push({ key: `chain[${i}].keyMap`, path: input.keyMap });
    if (input.anchor) files.push({ key: `chain[${i}].anchor`, path: input.anchor });
  });
  (config.events ?? []).forEach((input, i) => {
    if (input.mapping?.registry) files.push({ key: `events[${i}].mapping.registry`, path: input.mapping.registry });
  });
  if (config.diff?.policy) files.push({ key: "diff.policy", path: config.diff.policy });
  const baseline = config.diff?.baseline;
  if (baseline && baseline !== "auto" && !baseline.startsWith("git:"))
    files.push({ key: "diff.baseline", path: baseline });
  return files;
}
