/**
 * Credentials. Formats from the providers' own documentation: AWS IAM identifiers (AKIA/ASIA + 16 base-32
 * characters), Google API keys (AIza + 35), GitHub tokens (github.blog 2021-04-05: prefix + 30 base-62 + CRC-32 in
 * 6 base-62 characters; fine-grained github_pat_), Slack tokens and incoming webhooks, Stripe secret and restricted
 * keys, OpenAI and Anthropic API keys, PEM private keys (RFC 7468), and URLs with user:password (RFC 3986 userinfo).
 */
import { base62, crc32 } from "./checks.js";
import { ALNUM, DIGITS, HEX, LOWER, type Rng, UPPER } from "./random.js";
import type { EntitySpec, Snippet } from "./spec.js";

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = UPPER + LOWER + DIGITS + "+/";
const URLSAFE = UPPER + LOWER + DIGITS + "-_";

function githubToken(rng: Rng, prefix: string): string {
  const body = rng.chars(30, ALNUM);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
}

const TOKEN_KINDS: ReadonlyArray<(rng: Rng) => string> = [
  (rng) => rng.pick(["AKIA", "ASIA"]) + rng.chars(16, B32),
  (rng) => "AIza" + rng.chars(35, URLSAFE),
  (rng) => githubToken(rng, rng.pick(["ghp", "gho", "ghs", "ghu"])),
  (rng) => `github_pat_11${rng.chars(20, UPPER + DIGITS)}_${rng.chars(59, ALNUM)}`,
  (rng) => `xoxb-${rng.digits(12)}-${rng.digits(13)}-${rng.chars(24, ALNUM)}`,
  (rng) => `xoxp-${rng.digits(12)}-${rng.digits(12)}-${rng.digits(13)}-${rng.chars(32, HEX)}`,
  (rng) => `xoxa-2-${rng.digits(12)}-${rng.digits(12)}-${rng.chars(32, HEX)}`,
  (rng) =>
    `https://hooks.slack.com/services/T${rng.chars(8, UPPER + DIGITS)}/B${rng.chars(10, UPPER + DIGITS)}/${rng.chars(24, ALNUM)}`,
  (rng) => `${rng.pick(["sk_live_", "rk_live_"])}${rng.chars(rng.pick([24, 99]), ALNUM)}`,
  (rng) => `sk-${rng.chars(20, ALNUM)}T3BlbkFJ${rng.chars(20, ALNUM)}`,
  (rng) => `sk-proj-${rng.chars(74, URLSAFE)}T3BlbkFJ${rng.chars(74, URLSAFE)}`,
  (rng) => `sk-ant-api03-${rng.chars(93, URLSAFE)}AA`,
  (rng) => connectionString(rng),
];

function connectionString(rng: Rng): string {
  const user = rng.pick(["app", "svc_orders", "reporting", "admin", "etl"]);
  const pass = rng.chars(rng.int(12, 24), ALNUM + "!*~");
  const host = rng.pick([
    "db.prod.acme-logistics.com",
    "orders-db.internal.globex.io",
    "pg-eu-1.contoso.net",
    "cluster0.x7k2p.mongodb.net",
    "cache.prod.initech.io",
  ]);
  return rng.pick([
    `postgres://${user}:${pass}@${host}:5432/orders`,
    `postgresql://${user}:${pass}@${host}/analytics?sslmode=require`,
    `mysql://${user}:${pass}@${host}:3306/shop`,
    `mongodb+srv://${user}:${pass}@${host}/prod?retryWrites=true`,
    `redis://:${pass}@${host}:6379/0`,
    `amqp://${user}:${pass}@${host}:5672/vhost`,
  ]);
}

function pemBlock(rng: Rng): string {
  const kind = rng.pick([
    "RSA PRIVATE KEY",
    "PRIVATE KEY",
    "EC PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
  ]);
  const start =
    kind === "OPENSSH PRIVATE KEY"
      ? "b3BlbnNzaC1rZXktdjEAAAAA"
      : kind === "EC PRIVATE KEY"
        ? "MHcCAQEEI"
        : "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
  const lines = [start + rng.chars(64 - start.length, B64)];
  for (let i = 0, k = rng.int(3, 8); i < k; i++) lines.push(rng.chars(64, B64));
  lines.push(rng.chars(rng.int(8, 60), B64) + "==");
  return `-----BEGIN ${kind}-----\n${lines.join("\n")}\n-----END ${kind}-----`;
}

/** Rows whose secret needs its surroundings: AWS secret keys in configuration, PEM blocks, service-account keys. */
function contextual(rng: Rng): Snippet {
  const r = rng.int(0, 6);
  switch (r) {
    case 0:
      return { text: `aws_secret_access_key = ${rng.chars(40, B64)}`, field: "config", locale: "en-US" };
    case 1:
      return {
        text: `AWS_ACCESS_KEY_ID=AKIA${rng.chars(16, B32)}\nAWS_SECRET_ACCESS_KEY=${rng.chars(40, B64)}`,
        field: "env",
        locale: "en-US",
      };
    case 2:
      return { text: pemBlock(rng), field: rng.pick(["notes", "body", "attachment_text"]), locale: "en-US" };
    case 3:
      return {
        text: `{"type": "service_account", "project_id": "${rng.pick(["billing", "ml-training", "etl"])}-${rng.digits(6)}", "private_key_id": "${rng.chars(40, HEX)}", "private_key": "${pemBlock(rng).replace(/\n/g, "\\n")}\\n"}`,
        field: "payload",
        locale: "en-US",
      };
    case 4:
      return { text: `Here is my key, please don't share: ${TOKEN_KINDS[rng.int(0, 11)]?.(rng)}`, locale: "en-US" };
    case 5:
      return { text: `DATABASE_URL=${connectionString(rng)}`, field: "env", locale: "en-US" };
    default:
      return { text: `Hier der Token für die CI: ${githubToken(rng, "ghp")} (bitte rotieren).`, locale: "de-DE" };
  }
}

export const secret: EntitySpec = {
  id: "secret",
  selfEvident: true,
  labels: {
    en: ["API key", "token", "access token", "secret key", "credentials"],
    de: ["API-Schlüssel", "Zugangstoken", "Token"],
    fr: ["clé API", "jeton d'accès"],
    es: ["clave API", "token de acceso"],
    zh: ["API密钥", "访问令牌"],
    ja: ["APIキー", "アクセストークン"],
  },
  fields: ["api_key", "token", "secret", "access_token", "credentials"],
  sample(rng) {
    return {
      value: (rng.pick(TOKEN_KINDS) as (r: Rng) => string)(rng),
      locale: "en-US",
      langs: ["en", "de", "fr", "es", "zh", "ja"],
    };
  },
  valid: (v) =>
    /^(AKIA|ASIA)[A-Z2-7]{16}$/.test(v) ||
    /^AIza[\w-]{35}$/.test(v) ||
    /^gh[pousr]_[A-Za-z0-9]{36}$/.test(v) ||
    /^github_pat_\w{82}$/.test(v) ||
    /^xox[bpa]-[\w-]+$/.test(v) ||
    /^https:\/\/hooks\.slack\.com\/services\/T\w+\/B\w+\/\w{24}$/.test(v) ||
    /^(sk|rk)_live_[A-Za-z0-9]{24,99}$/.test(v) ||
    /^sk-(proj-)?[\w-]+T3BlbkFJ[\w-]+$/.test(v) ||
    /^sk-ant-api03-[\w-]{93}AA$/.test(v) ||
    /^[a-z+]+:\/\/[^:/@]*:(?!\*+@)(?!\$\{)[^@<>\s]+@[\w.-]+/.test(v),
  special: { share: 0.35, make: contextual },
  negatives: [
    // AWS's own documentation keys.
    () => ({ text: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", field: "config", locale: "en-US" }),
    () => ({
      text: "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      field: "config",
      locale: "en-US",
    }),
    // Placeholders and variable references.
    (rng) => ({
      text: `STRIPE_SECRET_KEY=${rng.pick(["$" + "{STRIPE_SECRET_KEY}", "sk_live_<your-key-here>", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "<redacted>", "{{ secrets.STRIPE_KEY }}"])}`,
      field: "env",
      locale: "en-US",
    }),
    (rng) => ({
      text: `GITHUB_TOKEN=${rng.pick(["ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "$" + "{{ secrets.GITHUB_TOKEN }}", "<token>", "***"])}`,
      field: "env",
      locale: "en-US",
    }),
    (rng) => ({
      text: `DATABASE_URL=postgres://${rng.pick(["app", "etl"])}${rng.pick(["", ":$" + "{DB_PASSWORD}", ":****"])}@db.prod.acme-logistics.com:5432/orders`,
      field: "env",
      locale: "en-US",
    }),
    // Publishable keys are public by design.
    (rng) => ({ text: `<script>Stripe("pk_live_${rng.chars(24, ALNUM)}")</script>`, locale: "en-US" }),
    (rng) => ({
      text: `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${rng.chars(20, B64)}\n${rng.chars(64, B64)}\n-----END PUBLIC KEY-----`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `-----BEGIN CERTIFICATE-----\nMIID${rng.chars(60, B64)}\n${rng.chars(64, B64)}\n-----END CERTIFICATE-----`,
      locale: "en-US",
    }),
    (rng) => ({
      text: `request_id=${rng.chars(8, HEX)}-${rng.chars(4, HEX)}-4${rng.chars(3, HEX)}-a${rng.chars(3, HEX)}-${rng.chars(12, HEX)}`,
      locale: "en-US",
    }),
    (rng) => ({ text: `Fixed in ${rng.chars(40, HEX)} (see PR #${rng.int(100, 9999)}).`, locale: "en-US" }),
    () => ({ text: "Access key IDs start with AKIA for long-term keys and ASIA for temporary ones.", locale: "en-US" }),
    (rng) => ({ text: `Password reset link sent; the token expires in ${rng.int(10, 60)} minutes.`, locale: "en-US" }),
    (rng) => ({ text: `image: ghcr.io/acme/api@sha256:${rng.chars(64, HEX)}`, locale: "en-US" }),
  ],
};
