import { describe, expect, it } from "vitest";
import { wrapGreedily } from "../../../test/helpers/wrap.js";
import { hardWrapped, unwrapped } from "./hard-wrap.js";

const PARAGRAPH =
  "Thank you for contacting support about your recent order. We have reviewed the attached documents and " +
  "need one more detail before the refund can go out: please confirm the account DE75 5121 0800 1245 1261 99 " +
  "so that the payment reaches the right bank. Your case has been escalated to the second-line team.";

describe("hard-wrapped prose", () => {
  it("is recognised at the widths mail clients and editors wrap at", () => {
    for (const width of [60, 70, 72, 78, 80]) expect(hardWrapped(wrapGreedily(PARAGRAPH, width))).toBe(true);
  });

  it("reads with its breaks as spaces, every position kept", () => {
    const text = "line one ends here\r\nand line two";
    expect(unwrapped(text)).toBe("line one ends here  and line two");
    expect(unwrapped(text)).toHaveLength(text.length);
  });

  it("is not a form, a table, a CSV export, a log, a quote or a single line", () => {
    const notProse = [
      "Name: Anna Moreau\nDate of birth: 20 October 1949\nSSN: 018 87 2336",
      "id,name,nr_pesel,Email Address,bank_account\n6233,Sofia García,48082512480,kenji@outlook.com,LU80",
      "Name   d.o.b \t City\nMateo Müller    10/16/06  Utrecht",
      "Oct 16 14:37:09 kyc-worker app[37142]: validation failed for contact_number=+4917034233111\n" +
        "Oct 16 14:37:10 kyc-worker app[37142]: lookup done",
      "> Anyone else seeing this problem with the refund form since Monday morning?\n> same here, it keeps on failing",
      PARAGRAPH,
      // Lines that a greedy wrap would have filled further: broken by hand, not by width.
      "Dear team,\nI have attached the scans of my passport and my driving licence as you asked.\nRegards",
    ];
    for (const text of notProse) expect(hardWrapped(text), text).toBe(false);
  });
});
