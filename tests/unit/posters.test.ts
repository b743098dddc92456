import { describe, expect, it } from "vitest";
import { publicBaseUrl, PublicBaseUrlError, qrFileName, qrPng, qrSvg, shortUrl, surveyUrl, unreachableFromPhones, wardFileSlug } from "@/lib/posters";
import { decodeQrPng } from "../helpers/qr";

const h = (init: Record<string, string>) => new Headers(init);

describe("publicBaseUrl", () => {
  it("uses PUBLIC_BASE_URL when configured, without a trailing slash, keeping a path prefix", () => {
    expect(publicBaseUrl(h({ host: "internal:3000" }), { configured: "https://wardsafe.example.nhs.uk/" })).toBe("https://wardsafe.example.nhs.uk");
    expect(publicBaseUrl(h({}), { configured: "https://example.nhs.uk/wardsafe/" })).toBe("https://example.nhs.uk/wardsafe");
  });

  it("refuses a configured value that is not an http(s) URL", () => {
    expect(() => publicBaseUrl(h({}), { configured: "wardsafe.example.nhs.uk" })).toThrow(PublicBaseUrlError);
    expect(() => publicBaseUrl(h({}), { configured: "ftp://example.nhs.uk" })).toThrow(/https:\/\//);
    expect(() => publicBaseUrl(h({}), { configured: "https://example.nhs.uk/?a=1" })).toThrow(/query/);
  });

  it("otherwise prefers the reverse proxy's X-Forwarded-Proto and -Host (first hop) over Host", () => {
    const headers = h({ host: "10.0.0.5:3000", "x-forwarded-proto": "https, http", "x-forwarded-host": "Wardsafe.Example.nhs.uk, proxy" });
    expect(publicBaseUrl(headers, { configured: "" })).toBe("https://wardsafe.example.nhs.uk");
    expect(publicBaseUrl(h({ host: "127.0.0.1:3000" }), { configured: "" })).toBe("http://127.0.0.1:3000");
  });

  it("falls back to the request URL and ignores malformed host headers", () => {
    const headers = h({ host: "evil.example/<script>", "x-forwarded-proto": "javascript" });
    expect(publicBaseUrl(headers, { configured: "", requestUrl: "https://app.example.nhs.uk/wards/1/qr.png" })).toBe("https://app.example.nhs.uk");
    expect(() => publicBaseUrl(h({ host: "bad host" }), { configured: "" })).toThrow(PublicBaseUrlError);
  });
});

describe("survey and short URLs, file names", () => {
  it("builds the absolute survey URL and the typed-in short form", () => {
    const url = surveyUrl("https://www.wardsafe.example.nhs.uk/", "ABCD2345");
    expect(url).toBe("https://www.wardsafe.example.nhs.uk/s/ABCD2345");
    expect(shortUrl(url)).toBe("wardsafe.example.nhs.uk/s/ABCD2345");
  });

  it("makes safe, readable file names from ward names", () => {
    expect(wardFileSlug("Maple Ward (North) – Ré")).toBe("maple-ward-north-re");
    expect(wardFileSlug("!!!")).toBe("ward");
    expect(qrFileName('A "quoted"\r\nward', "png")).toBe("a-quoted-ward-survey-qr.png");
  });
});

describe("QR codes", () => {
  const url = "https://wardsafe.example.nhs.uk/s/ABCD2345";

  it("PNG decodes back to the URL", async () => {
    expect(decodeQrPng(await qrPng(url))).toBe(url);
  });

  it("SVG is an SVG document with a quiet zone", async () => {
    const svg = await qrSvg(url);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('fill="#ffffff"');
  });
});

describe("unreachableFromPhones", () => {
  it("names loopback, private and local-only addresses", () => {
    expect(unreachableFromPhones("http://127.0.0.1:3700")).toMatch(/loopback/);
    expect(unreachableFromPhones("http://localhost:3000")).toMatch(/loopback/);
    expect(unreachableFromPhones("http://[::1]:3000")).toMatch(/loopback/);
    expect(unreachableFromPhones("http://192.168.1.20:3000")).toMatch(/private/);
    expect(unreachableFromPhones("http://10.4.0.7")).toMatch(/private/);
    expect(unreachableFromPhones("http://172.20.1.1")).toMatch(/private/);
    expect(unreachableFromPhones("http://[fd12:3456::1]")).toMatch(/private/);
    expect(unreachableFromPhones("http://wardsafe")).toMatch(/only this network/);
    expect(unreachableFromPhones("http://wardsafe.local")).toMatch(/only this network/);
  });

  it("passes public addresses, with or without a path prefix", () => {
    expect(unreachableFromPhones("https://wardsafe.example.nhs.uk")).toBeNull();
    expect(unreachableFromPhones("https://qi.example.org/wardsafe")).toBeNull();
    expect(unreachableFromPhones("http://172.32.0.1")).toBeNull();
    expect(unreachableFromPhones("http://81.2.69.160")).toBeNull();
  });
});
