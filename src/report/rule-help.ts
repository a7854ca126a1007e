/**
 * What each finding rule asserts and how to clear it: the help code scanning shows beside an alert. A fix names
 * what to change — the data, the config key (a threshold, a field list, a limit) or the waiver to add — never a
 * value read from the evidence.
 */

export interface RuleHelp {
  /** What the rule asserts, in one line. */
  readonly summary: string;
  /** Why it matters, in a sentence or two. */
  readonly description: string;
  /** How to clear a finding: the data to fix, the setting to change or the waiver to add (Markdown). */
  readonly fix: string;
}

/** A waiver's shape, for fixes that end with "or waive it". */
const waiver = (rule: string) =>
  `or, if the finding is known and accepted, add a waiver to the config: \`waivers: [{rule: ${rule}, path: <glob>, owner: <team>, reason: <ticket>, expires: <YYYY-MM-DD>}]\`.`;

const CHAIN_RESTORE = "Restore the log from a trusted copy (a log must never be edited by hand), ";

const HELP: Readonly<Record<string, RuleHelp>> = {
  "input.missing": {
    summary: "A configured input path matches a file",
    description:
      "A path in the config matched no file, so nothing was checked there: a gate that checks nothing must not pass.",
    fix: "Correct the path in the config or add the file; if the input may legitimately be absent, mark it `optional: true`.",
  },
  "input.refused": {
    summary: "An input lies inside the workspace and within the run's limits",
    description: "The input was not read: it is past a limit or resolves (through a link) outside the repository.",
    fix: "Move the file inside the repository, or raise the limit the message names under `limits:` in the config (`maxFiles`, `maxFileBytes`, …).",
  },
  "waiver.expired": {
    summary: "Every waiver is within its date",
    description: "A waiver past its `expires` date no longer silences anything, and fails the gate naming its owner.",
    fix: "The owner fixes the failure the waiver covered and removes the waiver, or renews it with a later `expires` and a reason.",
  },
  "chain.malformed": {
    summary: "Every line is a well-formed entry of the log's format",
    description: "A line that is not a valid entry cannot be verified: the chain's integrity is unknown from there on.",
    fix: `${CHAIN_RESTORE}or fix the producer that wrote the malformed line.`,
  },
  "chain.hash": {
    summary: "Every entry re-hashes to its stored hash",
    description: "An entry whose content no longer hashes to its stored hash was changed after it was written.",
    fix: `${CHAIN_RESTORE}and investigate who changed the entry.`,
  },
  "chain.signature": {
    summary: "Every event's HMAC signature verifies with the key in force",
    description: "A signature that does not verify means the event was altered, or the wrong key was configured.",
    fix: "Check that `keyEnv` (and `keyMap` for key rotations) names the producer's key; if it does, the event was altered: restore it from a trusted copy.",
  },
  "chain.link": {
    summary: "Every entry links to the one before it",
    description: "A broken link means an entry was deleted, reordered or duplicated.",
    fix: `${CHAIN_RESTORE}${waiver("chain.link")}`,
  },
  "chain.head": {
    summary: "Every chain starts at a genesis entry",
    description: "A chain whose first entry is not a genesis entry had its head cut.",
    fix: `${CHAIN_RESTORE}or anchor the log (\`anchor:\`) from where it now starts, reviewed in the base branch.`,
  },
  "chain.timestamp": {
    summary: "Timestamps are valid and never go backwards within a chain",
    description: "Entries out of time order point at reordering or at a producer with a wrong clock.",
    fix: `Fix the producer's clock or ordering, ${waiver("chain.timestamp")}`,
  },
  "chain.anchor": {
    summary: "The log still holds the checkpointed head at its position",
    description: "The log no longer holds what an earlier run checkpointed: it was truncated or rewritten.",
    fix: `${CHAIN_RESTORE}a deliberate rotation needs a new anchor file reviewed in the base branch.`,
  },
  "events.malformed": {
    summary: "Every line is one JSON event",
    description: "A line that is not a JSON event cannot be checked.",
    fix: "Fix the line (one JSON object per line) or regenerate the file from its producer.",
  },
  "events.schema": {
    summary: "Every event is valid against the envelope schema",
    description: "An event missing envelope fields, or with fields of the wrong type, is not usable evidence.",
    fix: "Fix the producer so each event carries the envelope fields the message names.",
  },
  missing_org_id: {
    summary: "Every event names its tenant (org_id)",
    description: "An event without a tenant cannot be shown to belong to one tenant only.",
    fix: "Fix the producer so every event carries `org_id`.",
  },
  mixed_org_ids: {
    summary: "Each tenant group holds a single org_id",
    description: "A file meant to hold one tenant's events holds several tenants'.",
    fix: "Split the events by tenant at the producer; correct the `isolation:` paths if they name the wrong files.",
  },
  shared_org_id: {
    summary: "No org_id appears in both tenant groups",
    description: "The same tenant's events appear on both sides of an isolation boundary.",
    fix: "Remove the other tenant's events from the file, and fix the routing that put them there.",
  },
  wrong_org_id: {
    summary: "Every event belongs to the expected org",
    description: "An event of another organisation is in a file scoped to one.",
    fix: "Remove the event and fix its routing; correct `scope: org` in the config if the expected org is wrong.",
  },
  wrong_team_id: {
    summary: "Every event belongs to the expected team",
    description: "An event of another team is in a file scoped to one.",
    fix: "Remove the event and fix its routing; correct `scope: team` in the config if the expected team is wrong.",
  },
  "mapping.gap": {
    summary: "Each framework clause has valid, fresh evidence in the period",
    description: "No valid evidence event supports the clause in the period: the obligation is not shown to be met.",
    fix: `Emit the evidence events the clause maps to (its event-type prefixes are in the report's clause evidence) within the period, ${waiver("<clause id>")}`,
  },
  "mapping.partial": {
    summary: "A clause's evidence is all valid and fresh",
    description: "The clause has evidence, but some of it is invalid or older than the clause allows.",
    fix: "Emit fresh, valid evidence events for the clause, or raise `maxAgeDays` under the events' `mapping:` if the clause allows older evidence.",
  },
  "mapping.registry": {
    summary: "The model is registered and active",
    description: "The model the events are about is missing from the registry, or not active there.",
    fix: "Register the model (or mark it active) in the registry file `mapping: registry:` names, or correct `mapping: model`.",
  },
  "mapping.attestation": {
    summary: "The spanforge attestation's signature verifies and matches the events",
    description: "An attestation that does not verify, or that claims other events, is not evidence.",
    fix: "Regenerate the attestation with spanforge over these events and the configured key.",
  },
  "mapping.unreadable": {
    summary: "The events for the mapping can be read",
    description: "Events that cannot be read cannot count as evidence.",
    fix: "Fix or regenerate the events file; check the path under `events:`.",
  },
  "mapping.key": {
    summary: "Signed evidence can be verified",
    description: "Signed events cannot count as evidence without the key to verify them.",
    fix: "Provide the signing key in the environment variable `mapping: keyEnv` names (default `SPANFORGE_SIGNING_KEY`).",
  },
  "mapping.timestamp": {
    summary: "Every evidence event has a valid ISO 8601 timestamp",
    description: "An event without a valid timestamp cannot be placed in the period and is not counted.",
    fix: "Fix the producer so every event carries an ISO 8601 `timestamp`.",
  },
  "mapping.invalid-evidence": {
    summary: "Evidence events are valid (signed, well-formed)",
    description: "An evidence event that fails validation is not counted for its clauses.",
    fix: "Fix or re-sign the event at its producer; the message says what is wrong with it.",
  },
  "diff.regressed": {
    summary: "No metric regresses beyond its tolerance",
    description: "A metric moved in the wrong direction by more than the policy tolerates against the baseline.",
    fix: `Fix the regression; if it is accepted, change the metric's tolerance in the diff policy file (\`diff: policy:\`), ${waiver("<metric>")}`,
  },
  "diff.limit-exceeded": {
    summary: "Every metric stays within its absolute limit",
    description: "A metric is past the minimum or maximum the policy sets for it.",
    fix: "Bring the metric back within its limit, or change the limit in the diff policy file (`diff: policy:`) after review.",
  },
  "diff.missing": {
    summary: "Every metric of the baseline is still reported",
    description: "A metric the baseline had is absent from the current snapshot: it can no longer be judged.",
    fix: "Report the metric again in the snapshot, or remove it from the diff policy if it was retired on purpose.",
  },
  "diff.unreadable": {
    summary: "The snapshot and its baseline can be read",
    description: "A snapshot or baseline that cannot be read leaves nothing to compare.",
    fix: "Fix the snapshot file, or the `diff: baseline` (a file or `git:<ref>:<path>`) in the config.",
  },
  "dataset.pii": {
    summary: "Rows carry no personal data beyond the clause's density threshold",
    description:
      "Rows holding personal data (entity types listed, values never shown) count towards Art. 10(2)(a)'s PII density.",
    fix: `Remove or pseudonymise the personal data in the rows; if the dataset may hold it, raise \`thresholds.piiDensity\` for the dataset, ${waiver("Art.10(2)(a)")}`,
  },
  "dataset.pii.concentration": {
    summary: "No row holds more validated high-risk identifiers than allowed",
    description:
      "A single row with many validated high-risk identifiers (card numbers, national ids …) fails on its own.",
    fix: "Remove or pseudonymise the identifiers in the row; the per-row limit is `thresholds.maxHighRiskPerRow` for the dataset.",
  },
  "dataset.lawful-basis": {
    summary: "Rows carry an affirmative consent or a lawful basis",
    description:
      "A row whose consent field is absent or not affirmative, with no GDPR Art. 6(1) lawful basis, counts against Art. 10(2)(b).",
    fix: "Record consent or a `legal_basis` in the row; name other consent fields in `consentFields`; the share required is `thresholds.lawfulBasisPct`.",
  },
  "dataset.provenance": {
    summary: "Rows name their source",
    description: "A row without a source field counts against Art. 10(2)(c) provenance.",
    fix: "Add a source to the row; name other source fields in `sourceFields`; the share required is `thresholds.provenancePct`.",
  },
  "dataset.duplicate": {
    summary: "Rows are not exact duplicates of earlier rows",
    description: "Repeated rows bias training and count against Art. 10(3).",
    fix: "Remove the repeated row; list unique-id columns in `idColumns` so they are left out of the comparison; the limits are `thresholds.duplicateWarnPct` and `thresholds.duplicateFailPct`.",
  },
  "dataset.special-category": {
    summary: "Special-category columns are declared",
    description: "A column holding GDPR Art. 9 special-category data needs the safeguards of Art. 10(5).",
    fix: "Remove the column, or declare it in `specialCategories` for the dataset once its safeguards are documented.",
  },
  "dataset.parse": {
    summary: "Every record of the dataset can be read",
    description: "A record that cannot be parsed is not scanned: the dataset is not fully checked.",
    fix: "Fix the record at the location given (valid JSON per line, balanced CSV quotes), or regenerate the file.",
  },
  "dataset.csv.ragged": {
    summary: "Every CSV row has the header's number of fields",
    description: "A row with more or fewer fields than the header is likely misaligned.",
    fix: "Fix the row's fields (quote values holding the delimiter) or the header.",
  },
  "dataset.unreadable": {
    summary: "Every dataset file can be read",
    description: "A file that cannot be read (unsupported, damaged, too large) is not scanned.",
    fix: "Fix or convert the file; a limit the message names is set under `limits:` in the config.",
  },
  "dataset.time-budget": {
    summary: "The scan finishes within its time budget",
    description: "The scan stopped when its time budget ran out: the rest of the data was not checked.",
    fix: "Raise `limits.timeBudgetSeconds`, or shard the scan (`--shard i/n` and `comply-gate merge`).",
  },
  "dataset.empty": {
    summary: "The dataset has rows",
    description: "A dataset with no rows leaves nothing checked.",
    fix: "Point the dataset's `paths` at the data, or add the data.",
  },
};

const CHK_FIX = "Fix the producer so the event meets the check the message names, or regenerate the events.";

/** The help for a rule: from the catalog, or built from its clause's title for rules not catalogued. */
export function ruleHelp(rule: string, clauseTitle: string | undefined): RuleHelp {
  const known = HELP[rule];
  if (known) return known;
  if (/^CHK-\d+$/.test(rule)) {
    return {
      summary: clauseTitle ?? `spanforge compatibility check ${rule}`,
      description: `spanforge's compatibility check ${rule}: events that fail it are not valid spanforge evidence.`,
      fix: CHK_FIX,
    };
  }
  const summary = clauseTitle ?? rule;
  return {
    summary,
    description: `${summary}. The finding's message says what was found and where.`,
    fix: `Fix the evidence at the location given, ${waiver(rule)}`,
  };
}
