/**
 * Signing keys come from environment variables only, never from files, flags or config values, so they
 * stay out of shell history, process lists and reports. A key map file maps rotation event ids to the
 * *names* of the variables that hold the keys after each rotation.
 */

import { readFile } from "node:fs/promises";
import { jsonErrorMessage } from "../../core/json/syntax-message.js";
import type { SigningKey, SpanforgeKeys } from "./spanforge.js";

export const DEFAULT_KEY_ENV = "SPANFORGE_SIGNING_KEY";
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class KeyMapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyMapError";
  }
}

/** Read one key from the environment; an unset, empty or blank variable is a missing key with the fix. */
export function keyFromEnv(envName: string, env: Readonly<Record<string, string | undefined>>): SigningKey {
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
