/**
 * Collects a check's findings with a cap per rule, so a log broken on every line of 10 GB costs a count, not
 * memory. The counts stay exact; only the list of located findings is cut.
 */
import type { Finding, Location, Severity } from "./model.js";

export interface RuleTally {
  readonly error: number;
  readonly fail: number;
  readonly warn: number;
  /** Findings counted but not kept because the rule reached its cap. */
  readonly omitted: number;
}

export class FindingCollector {
  private readonly kept: Finding[] = [];
  private readonly tallies = new Map<string, { error: number; fail: number; warn: number; omitted: number }>();
  private readonly maxPerRule: number;

  constructor(options: { maxPerRule?: number } = {}) {
    this.maxPerRule = options.maxPerRule ?? 100;
  }

  add(rule: string, severity: Severity, message: string, location: Location): void {
    let tally = this.tallies.get(rule);
    if (!tally) {
      tally = { error: 0, fail: 0, warn: 0, omitted: 0 };
      this.tallies.set(rule, tally);
    }
    const seen = tally.error + tally.fail + tally.warn;
    tally[severity]++;
    if (seen >= this.maxPerRule) {
      tally.omitted++;
      return;
    }
    this.kept.push({ rule, severity, message, location });
  }

  tally(rule: string): RuleTally {
    return this.tallies.get(rule) ?? { error: 0, fail: 0, warn: 0, omitted: 0 };
  }

  /** Kept findings in the order they were found (file order for a streaming check). */
  findings(): readonly Finding[] {
    return this.kept;
  }
}
