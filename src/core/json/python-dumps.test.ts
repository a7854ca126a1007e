import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJson } from "./parse.js";
import {
  compareCodePoints,
  PYTHON_COMPACT_UTF8,
  PYTHON_DEFAULT,
  pythonDumps,
  pythonFloatRepr,
} from "./python-dumps.js";

const reference = JSON.parse(readFileSync("fixtures/python-json-reference.json", "utf8")) as {
  cases: { text: string; default: string; compact_utf8: string }[];
};
const vectors = JSON.parse(readFileSync("fixtures/peers/spanforge/signing_vectors.json", "utf8")) as {
  vectors: {
    name: string;
    event_id: string;
    prev_id: string | null;
    org_secret: string;
    payload_json_as_written: string;
    canonical_payload_utf8: string;
    checksum: string;
    signature_input: string;
    signature: string;
  }[];
};

describe("Python json.dumps emulation", () => {
  it("reproduces Python 3.11's output for every case of the reference table", () => {
    expect(reference.cases.length).toBeGreaterThan(1000);
    const mismatches = reference.cases.filter((c) => {
      const value = parseJson(c.text, { allowNonFinite: true });
      return (
        pythonDumps(value, PYTHON_DEFAULT) !== c.default || pythonDumps(value, PYTHON_COMPACT_UTF8) !== c.compact_utf8
      );
    });
    expect(mismatches.map((c) => c.text)).toEqual([]);
  });

  it.each(vectors.vectors.map((v) => [v.name, v] as const))(
    "reproduces spanforge's signing vector %s byte for byte",
    (_name, vector) => {
      const canonical = pythonDumps(
        parseJson(vector.payload_json_as_written, { allowNonFinite: true }),
        PYTHON_COMPACT_UTF8,
      );
      expect(canonical).toBe(vector.canonical_payload_utf8);
      const checksum = `sha256:${createHash("sha256").update(canonical, "utf8").digest("hex")}`;
      expect(checksum).toBe(vector.checksum);
      const input = `${vector.event_id}|${checksum}|${vector.prev_id ?? ""}`;
      expect(input).toBe(vector.signature_input);
      const signature = `hmac-sha256:${createHmac("sha256", vector.org_secret).update(input, "utf8").digest("hex")}`;
      expect(signature).toBe(vector.signature);
    },
  );

  it("writes torchcomply's preimage test vector (specs/torchcomply.md §1.3)", () => {
    const line =
      readFileSync("fixtures/peers/torchcomply/01_audit_trail__audit_chain.jsonl", "utf8").split("\n")[0] ?? "";
    const entry = parseJson(line) as Map<string, never>;
    entry.delete("hash");
    const preimage = pythonDumps(entry, PYTHON_DEFAULT);
    expect(preimage).toBe(
      '{"device": "cuda:0", "input_shapes": [[1, 15]], "module_name": "distilbert.embeddings.word_embeddings", ' +
        '"operator_type": "Embedding", "output_hash": "f4afe569c010799e", "output_shape": [1, 15, 768], ' +
        '"prev_hash": "", "timestamp": 1775336710940684644}',
    );
    expect(createHash("sha256").update(preimage).digest("hex")).toBe(
      "d8996d13b31005061c35e8ce8f52232353ba1336e9cfb322ba4408619b4f6404",
    );
  });

  it("keeps integers above 2^53 exactly, where JSON.parse would round them", () => {
    const value = parseJson('{"t": 1775336710940684644}');
    expect(pythonDumps(value, PYTHON_COMPACT_UTF8)).toBe('{"t":1775336710940684644}');
    expect(JSON.stringify(JSON.parse('{"t": 1775336710940684644}'))).not.toContain("1775336710940684644");
  });

  it("prints floats the way Python's repr does", () => {
    expect(pythonFloatRepr(1)).toBe("1.0");
    expect(pythonFloatRepr(-0)).toBe("-0.0");
    expect(pythonFloatRepr(1e-5)).toBe("1e-05");
    expect(pythonFloatRepr(0.0001)).toBe("0.0001");
    expect(pythonFloatRepr(1e16)).toBe("1e+16");
    expect(pythonFloatRepr(9999999999999998)).toBe("9999999999999998.0");
    expect(pythonFloatRepr(Number.NaN)).toBe("NaN");
    expect(pythonFloatRepr(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
  });

  it("sorts keys by code point, not by UTF-16 code unit", () => {
    const keys = ["😀", "\uff21", "z"];
    expect([...keys].sort()).toEqual(["z", "😀", "\uff21"]); // JavaScript's default order
    expect([...keys].sort(compareCodePoints)).toEqual(["z", "\uff21", "😀"]); // Python's order
  });
});
