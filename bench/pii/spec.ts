/** The shape of one entity type's corpus material, shared by the per-family modules and the generator. */
import type { Lang } from "./language.js";
import type { Rng } from "./random.js";

export const ENTITY_IDS = [
  "email",
  "phone",
  "credit_card",
  "iban",
  "us_ssn",
  "date_of_birth",
  "ip_address",
  "aadhaar",
  "in_pan",
  "uk_nino",
  "cn_resident_id",
  "passport",
  "uk_nhs",
  "es_dni",
  "nl_bsn",
  "fr_nir",
  "it_fiscal_code",
  "pl_pesel",
  "se_personnummer",
  "de_tax_id",
  "be_national_number",
  "ca_sin",
  "au_tfn",
  "au_medicare",
  "kr_rrn",
  "sg_nric",
  "us_itin",
  "us_mbi",
  "us_npi",
  "us_aba_routing",
  "us_driver_license",
  "mac_address",
  "crypto_wallet",
  "secret",
  "person_name",
  "street_address",
] as const;
export type EntityId = (typeof ENTITY_IDS)[number];

export type RowKind = "positive" | "hard-negative" | "neutral";

export interface CorpusRow {
  text: string;
  field?: string;
  /** The entity types really present in `text` (sorted, no duplicates). */
  entities: string[];
  locale: string;
  kind: RowKind;
}

/** One valid instance, formatted as it would be written. */
export interface Sample {
  value: string;
  locale: string;
  /** Languages a text holding this value is plausibly written in (the first is the most likely). */
  langs: readonly Lang[];
}

/** A finished row without labels: `entities` of a hard negative is always empty. */
export interface Snippet {
  text: string;
  field?: string;
  locale: string;
}

export interface EntitySpec {
  id: EntityId;
  /**
   * True when the bare value is this entity wherever it is written (checksummed, prefixed or unmistakable shapes).
   * False when the value only counts with a label in the same sentence or an informative field name; positives of
   * such types always carry one, and the same shape under another label is a hard negative.
   */
  selfEvident: boolean;
  /** Labels per language that say what the value is ("IBAN", "Reisepass", "주민등록번호"). English is the fallback. */
  labels: Partial<Record<Lang, readonly string[]>> & { en: readonly string[] };
  /** Field (column) names that say what the value is. */
  fields: readonly string[];
  sample(rng: Rng): Sample;
  /** Whether a formatted value passes the type's validation (checksum, structure); the test runs every sample through it. */
  valid(value: string): boolean;
  /** A copy of a valid value with one character changed so that validation fails (absent when there is no checksum). */
  corrupt?(rng: Rng, value: string): string;
  /** Hard negatives specific to the type (look-alikes). */
  negatives: ReadonlyArray<(rng: Rng) => Snippet>;
  /** Positive rows written differently from the generic frames (e.g. "born on …", MRZ lines), with their share. */
  special?: { share: number; make(rng: Rng): Snippet };
}

/** Change one digit (never the same digit back) until `valid` fails; a checksum catches every single-digit error. */
export function corruptDigit(rng: Rng, value: string, valid: (v: string) => boolean): string {
  const positions = [...value].flatMap((c, i) => (c >= "0" && c <= "9" ? [i] : []));
  for (let attempt = 0; attempt < 50; attempt++) {
    const i = rng.pick(positions);
    const old = value.charCodeAt(i) - 48;
    const next = (old + rng.int(1, 9)) % 10;
    const candidate = value.slice(0, i) + String(next) + value.slice(i + 1);
    if (!valid(candidate)) return candidate;
  }
  throw new Error("no single-digit corruption fails validation");
}

/** Group a compact value: group("123456789", [3, 3, 3], " ") → "123 456 789". */
export function group(value: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= value.length) break;
    out.push(value.slice(at, at + size));
    at += size;
  }
  if (at < value.length) out.push(value.slice(at));
  return out.join(sep);
}

export const compact = (v: string): string => v.replace(/[\s.-]/g, "");
