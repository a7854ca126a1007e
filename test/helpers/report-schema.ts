/** The published report schema, compiled once: every report a test produces is validated against it. */
import { Ajv2020 } from "ajv/dist/2020.js";
import reportSchema from "../../schemas/report.schema.json" with { type: "json" };

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(reportSchema);

/** Schema errors for `value`, as readable strings (empty when valid). */
export function reportSchemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
