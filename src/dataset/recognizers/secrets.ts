/**
 * Credentials: provider-prefixed API keys, PEM private-key blocks and connection strings that carry a
 * password. The shapes are the ones secretlint's recommended preset checks (`@secretlint/secretlint-rule-aws`,
 * `-gcp`, `-github`, `-slack`, `-openai`, `-anthropic`, `-privatekey`, `-database-connection-string`, with
 * its placeholder list; secretlint 11, MIT) and Stripe's documented key prefixes. A secret is never echoed:
 * like every match, only its position is reported.
 */

interface SecretRule {
  /** Which provider the rule is for (documentation only; matches are reported as `secret`). */
  readonly id: string;
  readonly pattern: RegExp;
  /** Extra check on the match (placeholders, published examples). */
  readonly valid?: (match: RegExpExecArray) => boolean;
}

/** Values published in the providers' own documentation: examples, not credentials. */
const PUBLISHED_EXAMPLES = new Set(["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]);

/** Placeholder passwords (secretlint's database-connection-string list) and template variables. */
const PLACEHOLDER =
  /^(?:password|passwd|pass|secret|mypassword|changeme|username|user|root|admin|xxx+|\*+|YOUR_PASSWORD|REPLACE_WITH_PASSWORD)$|\$\{|\{\{|^\{[^}]*\}$|^%[A-Z_]+%$|^\$[A-Z_]+$|^<[^>]*>$/i;

/**
 * A run of one character a random key never holds ("sk_live_xxxxxxxxxxxxxxxx", "ghp_000000000000…"): a
 * template's placeholder, not a credential (a 12-character run has probability below 62^-11 in a random key).
 */
const PLACEHOLDER_RUN = /([A-Za-z0-9*])\1{11}/;

const RULES: readonly SecretRule[] = [
  {
    id: "aws-access-key-id",
    pattern: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    valid: (m) => !PUBLISHED_EXAMPLES.has(m[0]),
  },
  {
    id: "aws-secret-access-key",
    pattern:
      /(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s{0,5}(?::|=>|=)\s{0,5}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/g,
    valid: (m) => !PUBLISHED_EXAMPLES.has(m[1] as string),
  },
  { id: "gcp-api-key", pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { id: "github-token", pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g },
  { id: "github-fine-grained-token", pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/g },
  { id: "slack-token", pattern: /(?<![A-Za-z0-9-])xox[abposre]-(?:\d{1,20}-){1,4}[0-9A-Za-z]{8,64}(?![A-Za-z0-9-])/g },
  {
    id: "slack-webhook",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}/g,
  },
  { id: "stripe-live-key", pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_live_[0-9A-Za-z]{20,247}(?![A-Za-z0-9_])/g },
  {
    id: "openai-api-key",
    pattern:
      /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
  },
  {
    // Project, service-account and admin keys are issued in more than one length, not all with the legacy
    // "T3BlbkFJ" marker; the typed prefix alone names an OpenAI key (gitleaks' openai rule keys on it too).
    id: "openai-typed-key",
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}(?![A-Za-z0-9_-])/g,
  },
  {
    id: "anthropic-api-key",
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)0\d-[A-Za-z0-9_-]{80,128}AA(?![A-Za-z0-9_-])/g,
  },
  {
    id: "connection-string",
    pattern:
      /(?<![A-Za-z0-9+])(?:postgres(?:ql)?|mysqlx?|jdbc:mysql|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/([^:/\s@]{0,100}):([^@/\s]{1,200})@[^/\s?]{1,100}/gi,
    valid: (m) => !PLACEHOLDER.test(m[2] as string) && (m[2] as string).length >= 4,
  },
];

/** The start of every rule's match (its first characters as written): a text holding none needs no rule. */
export const SECRET_TRIGGER =
  /A3T|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|[Ss]ecret|SECRET|AIza|gh[pousr]_|github_pat_|xox[abposre]-|hooks\.slack|_live_|sk-|-----BEGIN|:\/\//;

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?)-----/g;
/** A PEM body is at most this long (an RSA 16384-bit key is about 12 KB). */
const PEM_MAX = 20_000;

/** [start, end) of every secret in `text`. */
export function findSecrets(text: string): [number, number][] {
  const found: [number, number][] = [];
  if (!SECRET_TRIGGER.test(text)) return found;
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m !== null; m = rule.pattern.exec(text)) {
      if ((rule.valid && !rule.valid(m)) || PLACEHOLDER_RUN.test(m[0])) continue;
      found.push([m.index, m.index + m[0].length]);
    }
  }
  // RFC 7468 private-key blocks: the label's END line closes the block; a header alone is reported to its end.
  PEM_BEGIN.lastIndex = 0;
  // Where each label's END line was last found (-1: nowhere after the search's start), so that many headers
  // without an END do not each search the rest of the text again.
  const ends = new Map<string, number>();
  for (let m = PEM_BEGIN.exec(text); m !== null; m = PEM_BEGIN.exec(text)) {
    const close = `-----END ${m[1]}-----`;
    let endAt = ends.get(close);
    if (endAt === undefined || (endAt >= 0 && endAt < m.index)) {
      endAt = text.indexOf(close, m.index);
      ends.set(close, endAt);
    }
    const end = endAt >= 0 && endAt - m.index <= PEM_MAX ? endAt + close.length : m.index + m[0].length;
    found.push([m.index, end]);
    PEM_BEGIN.lastIndex = end;
  }
  return found;
}
