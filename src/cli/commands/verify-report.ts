/** `comply-gate verify-report`: check a report's Ed25519 statement and/or HMAC seal. */
import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { verifyReportBundle } from "../../report/verify.js";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { envName, HELP_FLAG, text } from "../flags.js";
import { EXIT_GATE_FAILED, EXIT_PASS } from "../io.js";

export const verifyReportCommand: Command = {
  name: "verify-report",
  summary: "verify a report bundle's signature and seal",
  usage: "verify-report <report.json> [--public-key FILE] [--hmac-key-env NAME]",
  flags: {
    "public-key": { type: "string", value: "FILE", help: "the Ed25519 public key (PEM) the statement is signed with" },
    "hmac-key-env": { type: "string", value: "NAME", help: "the environment variable holding the seal's HMAC key" },
    ...HELP_FLAG,
  },
  details: "Exit codes: 0 verified, 1 verification failed, 2 usage error.",
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError("verify-report takes one report file");
    const hmacKeyEnv = envName(values["hmac-key-env"], "--hmac-key-env");
    const publicKeyPath = text(values, "public-key");
    if (publicKeyPath === undefined && hmacKeyEnv === undefined) {
      throw new UsageError("verify-report needs --public-key FILE (Ed25519 signature) or --hmac-key-env NAME (seal)");
    }
    const reportPath = resolve(io.cwd, positionals[0] as string);
    const read = async (path: string): Promise<Buffer | undefined> => readFile(path).catch(() => undefined);
    const reportBytes = await read(reportPath);
    if (!reportBytes) throw new UsageError(`${positionals[0]}: cannot read the report`);
    let publicKey: KeyObject | undefined;
    if (publicKeyPath !== undefined) {
      const pem = await read(resolve(io.cwd, publicKeyPath));
      if (!pem) throw new UsageError(`--public-key ${publicKeyPath}: cannot read the key`);
      try {
        publicKey = createPublicKey(pem);
      } catch {
        throw new UsageError(`--public-key ${publicKeyPath}: not a public key in PEM`);
      }
    }
    const hmacKey = hmacKeyEnv ? io.env[hmacKeyEnv] : undefined;
    if (hmacKeyEnv && (hmacKey === undefined || hmacKey === "")) {
      throw new UsageError(`--hmac-key-env: environment variable ${hmacKeyEnv} is not set`);
    }
    const sibling = (suffix: string): string => reportPath.replace(/\.json$/, "") + suffix;
    const steps = verifyReportBundle({
      reportName: basename(reportPath),
      reportBytes,
      envelopeBytes: await read(sibling(".intoto.json")),
      publicKey,
      sealText: (await read(sibling(".hmac")))?.toString("utf8"),
      hmacKey,
    });
    for (const step of steps) io.stdout(`${step.ok ? "ok  " : "FAIL"}  ${step.name}: ${step.detail}\n`);
    const ok = steps.every((step) => step.ok);
    io.stdout(ok ? "Verified.\n" : "Verification FAILED.\n");
    return ok ? EXIT_PASS : EXIT_GATE_FAILED;
  },
};
