/**
 * A model registry file: who owns a model, its risk tier, whether it is still active. JSON, either
 * `{ "models": [{ "model_id", "owner", "risk_tier", "status" }, …] }` or `{ "<model id>": { … }, … }`.
 */
import { readFile } from "node:fs/promises";

export interface RegisteredModel {
  readonly owner?: string;
  readonly riskTier?: "low" | "medium" | "high" | "critical";
  readonly status: "active" | "deprecated" | "retired";
}

const TIERS = new Set(["low", "medium", "high", "critical"]);
const STATUSES = new Set(["active", "deprecated", "retired"]);

export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegistryError";
  }
}

function entry(id: string, value: unknown, where: string): [string, RegisteredModel] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RegistryError(`${where}: expected an object with owner, risk_tier and status`);
  }
  const record = value as Record<string, unknown>;
  const status = record.status ?? "active";
  if (typeof status !== "string" || !STATUSES.has(status)) {
    throw new RegistryError(`${where}: status must be one of active, deprecated, retired`);
  }
  const tier = record.risk_tier;
  if (tier !== undefined && (typeof tier !== "string" || !TIERS.has(tier))) {
    throw new RegistryError(`${where}: risk_tier must be one of low, medium, high, critical`);
  }
  if (record.owner !== undefined && typeof record.owner !== "string") {
    throw new RegistryError(`${where}: owner must be a string`);
  }
  return [
    id,
    {
      status: status as RegisteredModel["status"],
      ...(typeof record.owner === "string" ? { owner: record.owner } : {}),
      ...(typeof tier === "string" ? { riskTier: tier as RegisteredModel["riskTier"] & string } : {}),
    },
  ];
}

/** Parse a registry file's text; throws RegistryError naming the file and the entry that is wrong. */
export function parseRegistry(text: string, source: string): Map<string, RegisteredModel> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RegistryError(`${source}: not valid JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RegistryError(`${source}: expected a JSON object`);
  }
  const models = (value as Record<string, unknown>).models;
  if (Array.isArray(models)) {
    return new Map(
      models.map((m, i) => {
        const id = (m as Record<string, unknown> | null)?.model_id;
        if (typeof id !== "string" || id === "") throw new RegistryError(`${source}: models[${i}] has no model_id`);
        return entry(id, m, `${source}: models[${i}]`);
      }),
    );
  }
  return new Map(Object.entries(value).map(([id, m]) => entry(id, m, `${source}: ${JSON.stringify(id)}`)));
}

export async function loadRegistry(path: string, shown: string): Promise<Map<string, RegisteredModel>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new RegistryError(`${shown}: cannot read the registry (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return parseRegistry(text, shown);
}

/** spanforge's warnings (specs/spanforge.md §e.5), for an unregistered, deprecated or retired model. */
export function registryWarning(modelId: string, model: RegisteredModel | undefined): string | undefined {
  if (!model) {
    return `model ${JSON.stringify(modelId)} is not registered in the model registry: register it for full compliance traceability`;
  }
  if (model.status === "deprecated") {
    return `model ${JSON.stringify(modelId)} is DEPRECATED in the registry: consider migrating to an active model before the next audit period`;
  }
  if (model.status === "retired") {
    return `model ${JSON.stringify(modelId)} is RETIRED in the registry: generating evidence for a retired model is unusual, verify this is intentional`;
  }
  return undefined;
}
