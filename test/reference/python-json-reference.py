"""Writes fixtures/python-json-reference.json: JSON texts and what Python's json module re-serialises them to.

Regenerate with:  python3 test/reference/python-json-reference.py
The tests compare comply-gate's Python-json emulation against this table, so they never need Python to run.
"""
import json
import math
import random
import struct

rng = random.Random(20261122)
texts = []

# Floats: edge values, decimal-exponent boundaries, and random bit patterns (every finite double is reachable).
edges = ["0.0", "-0.0", "1.0", "-1.0", "0.1", "0.5", "1e-05", "1e-07", "0.0001", "0.00011", "1e+16", "1e16",
         "9999999999999998.0", "1e15", "123456789012345678.0", "1e+21", "1e21", "1.5e+300", "5e-324",
         "1.7976931348623157e+308", "2.2250738585072014e-308", "1E5", "1e999", "-1e999", "NaN", "Infinity",
         "-Infinity", "0.30000000000000004", "100.0", "1234.5e-2", "3.0e0", "12345678901234567890.5"]
for text in edges:
    texts.append(text)
for _ in range(400):
    bits = rng.getrandbits(64)
    value = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if math.isfinite(value):
        texts.append(repr(value))
for _ in range(200):
    texts.append(repr(rng.uniform(-1e6, 1e6)))
    texts.append(repr(rng.random() * 10 ** rng.randint(-30, 30)))

# Integers of any size.
for text in ["0", "-0", "7", "-42", "9007199254740993", "-9223372036854775808", "100000000000000000000",
             "1775336710940684644", str(2 ** 200), str(-(3 ** 150))]:
    texts.append(text)

# Strings: every escape class, BMP, astral, private use, controls, DEL, line separators.
alphabet = [chr(c) for c in range(0, 0x80)] + ["é", "ß", "日", "本", "\u2028", "\u2029", "\u0085", "\ufeff", "\ue000",
            "Ａ", "😀", "𝔘", "\U0010ffff", "/", "\\", '"']
for _ in range(300):
    s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
    texts.append(json.dumps(s, ensure_ascii=rng.random() < 0.5))

# Objects: key order by code point (astral vs U+E000–U+FFFF), integer-like keys, nesting.
texts.append(json.dumps({"Ａ": 1, "😀": 2, "z": 3, "é": 4, "\ue000": 5, "10": 6, "2": 7, "": 8}, ensure_ascii=False))
texts.append('{"b": [3, {"y": 2.0, "x": 1}], "a": null, "c": [true, false, null, [], {}]}')
for _ in range(50):
    keys = ["".join(rng.choice(alphabet[32:] ) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 6))]
    texts.append(json.dumps({k: rng.choice([1, 1.5, "v", None, True, [1, 2.0]]) for k in keys}, ensure_ascii=False))

cases = []
for text in texts:
    value = json.loads(text)
    cases.append({
        "text": text,
        "default": json.dumps(value, sort_keys=True),
        "compact_utf8": json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
    })

with open("fixtures/python-json-reference.json", "w", encoding="utf-8") as out:
    json.dump({"generator": "test/reference/python-json-reference.py", "python": "3.11", "cases": cases}, out,
              ensure_ascii=True, indent=1)
    out.write("\n")
print(len(cases), "cases")
