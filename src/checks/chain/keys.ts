/**
 * Signing keys come from environment variables only, never from files, flags or config values, so they
 * stay out of shell history, process lists and reports. A key map file maps rotation event ids to the
 * *names* of the variables that hold the keys after each rotation.
 *
 * A key name is chosen by the config, which a pull request can edit: a name the runner or CI sets itself
 * (`GITHUB_ACTIONS=true`, `CI=true`, `GITHUB_SHA`, …) holds a value the pull request's author knows, and a
 * chain forged with it would verify. Such names are refused, and so is any key shorter than 16 bytes.
 */

import { readFile } from "node:fs/promises";
import { jsonErrorMessage } from "../../core/json/syntax-message.js";
import type { SigningKey, SpanforgeKeys } from "./spanforge.js";

export const DEFAULT_KEY_ENV = "SPANFORGE_SIGNING_KEY";
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An HMAC key shorter than this is refused: a guessable value, not a secret. */
export const MIN_KEY_BYTES = 16;

/** Variables the runner, a CI system or the OS sets: public values, never a secret. */
const RUNNER_NAMES = new Set([
  "CI",
  "HOME",
  "PATH",
  "PWD",
  "OLDPWD",
  "SHELL",
  "USER",
  "LOGNAME",
  "HOSTNAME",
  "LANG",
  "TERM",
  "TMPDIR",
  "TEMP",
  "TMP",
  "IMAGEOS",
  "IMAGEVERSION",
  "AGENT_TOOLSDIRECTORY",
  "DEBIAN_FRONTEND",
  "TF_BUILD",
  "APPVEYOR",
  "TRAVIS",
  "CIRCLECI",
  "GITLAB_CI",
  "BUILDKITE",
  "DRONE",
  "JENKINS_URL",
  "BUILD_NUMBER",
  "CONTINUOUS_INTEGRATION",
]);
/** Prefixes of the same: GitHub Actions and its runner, action inputs and state, other CI systems, the OS. */
const RUNNER_PREFIXES = [
  "GITHUB_",
  "RUNNER_",
  "ACTIONS_",
  "INPUT_",
  "STATE_",
  "CI_",
  "GITLAB_",
  "BUILDKITE_",
  "CIRCLE_",
  "TRAVIS_",
  "DRONE_",
  "BITBUCKET_",
  "BUILD_",
  "SYSTEM_",
  "AGENT_",
  "JENKINS_",
  "CODEBUILD_",
  "TEAMCITY_",
  "APPVEYOR_",
  "NODE_",
  "NPM_",
  "LC_",
  "XDG_",
];

/**
 * Why `envName` may not name a key, or undefined when it may: not a variable name, or a variable the runner
 * or a CI system sets (its value is public). Case-insensitive: Windows runners ignore case.
 */
export function refusedKeyName(envName: string): string | undefined {
  if (!ENV_NAME.test(envName)) {
    return "the key name is not an environment variable name (letters, digits, _; the value is not shown): name the variable that holds the key, never the key";
  }
  const upper = envName.toUpperCase();
  if (RUNNER_NAMES.has(upper) || RUNNER_PREFIXES.some((prefix) => upper.startsWith(prefix))) {
    return `${envName} is set by the runner or CI, so its value is public: it cannot hold a signing key (use a secret, e.g. ${DEFAULT_KEY_ENV})`;
  }
  return undefined;
}

export class KeyMapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyMapError";
  }
}

/** Read one key from the environment; an unset, empty or blank variable is a missing key with the fix. */
export function keyFromEnv(envName: string, env: Readonly<Record<string, string | undefined>>): SigningKey {
  const refused = refusedKeyName(envName);
  if (refused !== undefined) return { kind: "missing", envName, reason: `no signing key: ${refused}` };
  const secret = env[envName];
  if (secret === undefined) {
    return {
      kind: "missing",
      envName,
      reason: `no signing key: environment variable ${envName} is not set (set it to the chain's HMAC key, or name another variable with --key-env)`,
    };
  }
  if (secret.trim() === "") {
    return { kind: "missing", envName, reason: `no signing key: environment variable ${envName} is empty` };
  }
  const bytes = Buffer.byteLength(secret, "utf8");
  if (bytes < MIN_KEY_BYTES) {
    return {
      kind: "missing",
      envName,
      reason: `no signing key: the key in ${envName} is ${bytes} bytes, shorter than ${MIN_KEY_BYTES} (a guessable value, not a secret)`,
    };
  }
  return { kind: "key", envName, secret };
}

/** Parse a key map file's text: `{ "<rotation event id>": "<ENV_VAR_NAME>", … }`. */
export function parseKeyMap(text: string, source: string): Map<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KeyMapError(`${source}: ${jsonErrorMessage(error)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new KeyMapError(`${source}: expected an object mapping rotation event ids to environment variable names`);
  }
  const map = new Map<string, string>();
  for (const [eventId, envName] of Object.entries(value)) {
    if (typeof envName !== "string" || !ENV_NAME.test(envName)) {
      throw new KeyMapError(
        `${source}: the value for ${JSON.stringify(eventId)} must be an environment variable name (letters, digits, _), not a key`,
      );
    }
    const refused = refusedKeyName(envName);
    if (refused !== undefined) throw new KeyMapError(`${source}: the value for ${JSON.stringify(eventId)}: ${refused}`);
    map.set(eventId, envName);
  }
  return map;
}

export async function loadKeyMap(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new KeyMapError(`${path}: cannot read the key map (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return parseKeyMap(text, path);
}

export function resolveKeys(options: {
  keyEnv: string;
  keyMap: ReadonlyMap<string, string> | undefined;
  env: Readonly<Record<string, string | undefined>>;
}): SpanforgeKeys {
  const rotations = new Map<string, SigningKey>();
  for (const [eventId, envName] of options.keyMap ?? []) rotations.set(eventId, keyFromEnv(envName, options.env));
  return { initial: keyFromEnv(options.keyEnv, options.env), rotations };
}
