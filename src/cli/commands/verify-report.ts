/**
 * `comply-gate verify-report`: check a report's Ed25519 statement and/or HMAC seal, say what the report is
 * about (repository, commit, ref, event, run), and refuse one made for another repository or commit.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { verifyReportBundle } from "../../report/verify.js";
import type { Command } from "../command.js";
import { InputError, readInput, UsageError } from "../errors.js";
import { envName, HELP_FLAG, text } from "../flags.js";
import { EXIT_GATE_FAILED, EXIT_PASS } from "../io.js";

export const verifyReportCommand: Command = {
  name: "verify-report",
  summary: "verify a report bundle's signature and seal",
  usage: "<report.json> (--public-key FILE | --hmac-key-env NAME) [--expect-repo OWNER/REPO] [--expect-commit SHA]",
  flags: {
    "public-key": { type: "string", value: "FILE", help: "the Ed25519 public key (PEM) the statement is signed with" },
    "hmac-key-env": { type: "string", value: "NAME", help: "the environment variable holding the seal's HMAC key" },
    "expect-repo": {
      type: "string",
      value: "OWNER/REPO",
      help: "the repository the report must be about (an older or foreign bundle replayed fails)",
    },
    "expect-commit": { type: "string", value: "SHA", help: "the full commit SHA the report must be about" },
    ...HELP_FLAG,
  },
  exitCodes: "Exit codes: 0 verified, 1 verification failed, 2 usage or input error.",
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError("verify-report takes one report file");
    const hmacKeyEnv = envName(values["hmac-key-env"], "--hmac-key-env");
    const publicKeyPath = text(values, "public-key");
    if (publicKeyPath === undefined && hmacKeyEnv === undefined) {
      throw new UsageError("verify-report needs --public-key FILE (Ed25519 signature) or --hmac-key-env NAME (seal)");
    }
    const expectRepo = text(values, "expect-repo");
    if (expectRepo !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(expectRepo)) {
      throw new UsageError("--expect-repo takes OWNER/REPO, e.g. --expect-repo acme/models");
    }
    const expectCommit = text(values, "expect-commit");
    if (expectCommit !== undefined && !/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(expectCommit)) {
      throw new UsageError("--expect-commit takes a full commit SHA (40 hex characters)");
    }
    const reportPath = resolve(io.cwd, positionals[0] as string);
    // The statement and seal beside the report are optional (their absence is a failed step, said as such).
    const read = async (path: string): Promise<Buffer | undefined> => readFile(path).catch(() => undefined);
    const reportBytes = await readInput(reportPath, positionals[0] as string);
    let publicKey: KeyObject | undefined;
    if (publicKeyPath !== undefined) {
      const pem = await readInput(resolve(io.cwd, publicKeyPath), publicKeyPath);
      try {
        publicKey = createPublicKey(pem);
      } catch {
        throw new InputError(`--public-key ${publicKeyPath}: not a public key in PEM`);
      }
    }
    const hmacKey = hmacKeyEnv ? io.env[hmacKeyEnv] : undefined;
    if (hmacKeyEnv && (hmacKey === undefined || hmacKey === "")) {
      throw new InputError(`--hmac-key-env: environment variable ${hmacKeyEnv} is not set`);
    }
    const sibling = (suffix: string): string => reportPath.replace(/\.json$/, "") + suffix;
    const steps = verifyReportBundle({
      reportName: basename(reportPath),
      reportBytes,
      envelopeBytes: await read(sibling(".intoto.json")),
      publicKey,
      sealText: (await read(sibling(".hmac")))?.toString("utf8"),
      hmacKey,
      expect: { repo: expectRepo, commit: expectCommit },
    });
    for (const step of steps) io.stdout(`${step.ok ? "ok  " : "FAIL"}  ${step.name}: ${step.detail}\n`);
    const ok = steps.every((step) => step.ok);
    io.stdout(ok ? "Verified.\n" : "Verification FAILED.\n");
    return ok ? EXIT_PASS : EXIT_GATE_FAILED;
  },
};
