/**
 * The config reference (docs/config-reference.md), generated from the JSON Schema the loader validates with:
 * one source of truth, so the documentation cannot drift from what is accepted. A test keeps the file fresh.
 */
import schema from "../../schemas/config.schema.json" with { type: "json" };

interface Node {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Node>>;
  readonly required?: readonly string[];
  readonly items?: Node;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly pattern?: string;
  readonly $ref?: string;
  readonly oneOf?: readonly Node[];
  readonly anyOf?: readonly Node[];
  readonly const?: unknown;
}

const root = schema as unknown as Node & { $defs: Record<string, Node> };

function resolveRef(node: Node): Node {
  if (!node.$ref) return node;
  const name = node.$ref.replace("#/$defs/", "");
  return { ...(root.$defs[name] ?? {}), ...(node.description ? { description: node.description } : {}) };
}

function typeOf(node: Node): string {
  const n = resolveRef(node);
  if (n.enum) return n.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" or ");
  if (n.const !== undefined) return `\`${JSON.stringify(n.const)}\``;
  // A typed node's anyOf only adds rules (e.g. "org or team required"): its type is its own.
  const alternatives = n.oneOf ?? (typeof n.type === "string" ? undefined : n.anyOf);
  if (alternatives) return alternatives.map(typeOf).join(" or ");
  if (n.type === "array" && n.items) return `list of ${typeOf(n.items)}`;
  if (Array.isArray(n.type)) return n.type.join(" or ");
  return typeof n.type === "string" ? n.type : "value";
}

function constraints(node: Node): string {
  const n = resolveRef(node);
  const parts: string[] = [];
  if (n.default !== undefined) parts.push(`default \`${JSON.stringify(n.default)}\``);
  if (n.minimum !== undefined) parts.push(`≥ ${n.minimum}`);
  if (n.exclusiveMinimum !== undefined) parts.push(`> ${n.exclusiveMinimum}`);
  if (n.maximum !== undefined) parts.push(`≤ ${n.maximum}`);
  if (n.pattern) parts.push(`pattern \`${n.pattern}\``);
  return parts.join(", ");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function rows(node: Node, prefix: string, out: string[]): void {
  const n = resolveRef(node);
  const object = n.type === "array" && n.items ? resolveRef(n.items) : n;
  const properties = object.properties ?? {};
  for (const [name, child] of Object.entries(properties)) {
    if (name === "$schema") continue;
    const path = `${prefix}${name}`;
    const c = resolveRef(child);
    const required = (object.required ?? []).includes(name) ? "yes" : "";
    out.push(
      `| \`${path}\` | ${cell(typeOf(child))} | ${required} | ${cell(constraints(child))} | ${cell(c.description ?? "")} |`,
    );
    const nested = c.type === "array" && c.items ? resolveRef(c.items) : c;
    if (nested.properties) rows(child, `${path}${c.type === "array" ? "[]" : ""}.`, out);
  }
}

export function configReference(): string {
  const out = [
    "# Config reference",
    "",
    "<!-- Generated from schemas/config.schema.json by src/config/reference.ts; do not edit by hand. -->",
    "",
    `${root.description ?? ""}`,
    "",
    "`comply-gate.yml` (or `.yaml`, `.json`) is validated against",
    "[`schemas/config.schema.json`](../schemas/config.schema.json): an unknown key or a wrong type is an error",
    "that names the file, the key and what was expected (exit 2). Paths are relative to the config file and must",
    "stay inside the working directory. `name[]` is a list of objects with the keys below it.",
    "",
    "On a pull request the Action reads this file from the base branch, not from the change under review: a",
    "change that weakens it fails the gate (`policy.weakened`) until someone else with write access approves",
    "the head commit. See [the trust model](trust-model.md).",
    "",
    "| key | type | required | constraints | meaning |",
    "|---|---|---|---|---|",
  ];
  rows(root, "", out);
  return `${out.join("\n")}\n`;
}
