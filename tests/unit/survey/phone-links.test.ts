import { describe, expect, it } from "vitest";
import { phoneNumberParts, telHref } from "@/lib/survey/phone-links";

const phones = (text: string) => phoneNumberParts(text).filter((p) => p.phone).map((p) => p.text);

describe("phone numbers in a charter contact", () => {
  it("finds whole UK numbers written the usual ways", () => {
    expect(phones("Call the ward on 020 7946 0321 or 07700 900123.")).toEqual(["020 7946 0321", "07700 900123"]);
    expect(phones("Advocate: +44 20 7946 0999; PALS 0800-123-4567")).toEqual(["+44 20 7946 0999", "0800-123-4567"]);
    expect(phones("In an emergency call 999, or 111 for advice, or Samaritans on 116 123")).toEqual(["999", "111", "116 123"]);
  });

  it("leaves extensions, years, room numbers and longer digit runs alone", () => {
    expect(phones("Speak to the ward manager, Alex, on extension 4321.")).toEqual([]);
    expect(phones("Charter agreed in 2024, room 12")).toEqual([]);
    expect(phones("Reference 0123456789012345")).toEqual([]);
    expect(phones("Bed 9990")).toEqual([]);
  });

  it("gives the text back unchanged when the parts are joined", () => {
    const text = "Jo (matron) 01632 960 001, out of hours 999.";
    expect(phoneNumberParts(text).map((p) => p.text).join("")).toBe(text);
    expect(phoneNumberParts("")).toEqual([]);
  });

  it("dials digits only", () => {
    expect(telHref("020 7946 0321")).toBe("tel:02079460321");
    expect(telHref("+44 (0)20 7946 0999")).toBe("tel:+442079460999");
    expect(telHref("116 123")).toBe("tel:116123");
  });
});
