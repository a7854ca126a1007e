/**
 * Short, PII-dense rows for the recognizers' throughput: chat-like messages of 30–120 characters, most holding
 * an e-mail address, a phone number, a card, an IBAN, a date of birth or a national identifier, the rest
 * ordinary sentences with numbers (order ids, times, amounts) that must be looked at and let go.
 * Deterministic (seeded) so that runs compare.
 */
import { generateCorpus } from "../../test/helpers/pii-corpus.js";
import { seededRandom } from "../../test/helpers/random.js";

export interface Row {
  readonly text: string;
  readonly field: string;
}

export function piiDenseRows(count: number, seed = 3): Row[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const labelled = generateCorpus(Math.ceil(count / 2), seed);
  const chat = [
    "ok thanks, see you at 10:30 tomorrow",
    "Order 58213 shipped, 3 items, total 42.50 EUR",
    "can you resend the invoice from 2024-03-12?",
    "The meeting moved to room 4B on the 3rd floor.",
    "I paid 19.99 for 2 tickets last week",
    "Sure, I will call you back in 15 minutes.",
    "thanks for your help today!",
    "Version 2.4 fixes the login bug reported in #1432",
  ];
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    rows.push(
      i % 2 === 0
        ? { text: (labelled[i >> 1] ?? labelled[0])?.text ?? "", field: "message" }
        : { text: pick(chat), field: "message" },
    );
  }
  return rows;
}
