import { describe, expect, it } from "vitest";
import { emptyRow, rowKeysOf } from "./reader.js";

function keysOfRowBuilt(names: readonly string[]): string[] {
  const row = emptyRow();
  for (const [i, name] of names.entries()) row[name] = i;
  return Object.keys(row);
}

describe("a row's keys known from its reader", () => {
  it.each([
    [["id", "text", "label"], true],
    [["__proto__", "constructor", "toString"], true],
    [["b", "a", "b"], false], // one key for two columns
    [["b", "1", "a"], false], // Object.keys lists "1" first
    [["x", "0"], false],
    [["x", "01", "-1", "1.5", "1e3"], true], // not array indices: listed in order
    [[], true],
  ])("%j: the names are the row's keys only where Object.keys lists them so", (names, known) => {
    const keys = rowKeysOf(names);
    expect(keys !== undefined).toBe(known);
    if (keys) expect(keys).toEqual(keysOfRowBuilt(names));
    else expect(keysOfRowBuilt(names)).not.toEqual(names);
  });
});
