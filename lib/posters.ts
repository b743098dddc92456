import QRCode from "qrcode";
import { ConfigurationError } from "@/lib/errors";
import { env } from "@/lib/env";

// Ward posters: the absolute survey URL a poster's QR code carries, and the QR code itself.
// A printed poster outlives deployments, so the URL should come from a configured public address
// (PUBLIC_BASE_URL) rather than from whatever host name the request that printed it happened to use.

/** The line printed above the QR code. */
export const SCAN_PROMPT = "Scan to answer two questions about feeling safe from sexual harm on this ward";

/** Q recovers from ~25% damage: posters on ward walls get creased, marked and partly covered. */
export const QR_ERROR_CORRECTION = "Q" as const;
/** Quiet zone in modules; scanners need at least 4. */
const QR_MARGIN = 4;
/**
 * Pixels per module in the PNG: whole pixels keep module edges sharp, and a survey URL's code
 * (~41 modules with the quiet zone) comes out at ~650 px, about 170 dpi at 10 cm. Larger costs
 * noticeably more CPU in qrcode's pure-JS encoder; the SVG is the format for big prints.
 */
export const QR_PNG_SCALE = 16;

export class PublicBaseUrlError extends ConfigurationError {}

function normaliseBase(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

// A host as it may appear in a URL: a name or IPv4 address, or a bracketed IPv6 address, and a port.
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function firstValue(header: string | null): string | undefined {
  const value = header?.split(",")[0]?.trim();
  return value ? value : undefined;
}

/**
 * The public address of the app, without a trailing slash: PUBLIC_BASE_URL when set (it may
 * include a path prefix); otherwise what the browser used, from X-Forwarded-Proto/-Host (set by a
 * reverse proxy) or Host, and finally the request URL.
 */
export function publicBaseUrl(headers: Headers, options: { configured?: string; requestUrl?: string } = {}): string {
  const configured = (options.configured ?? env().PUBLIC_BASE_URL)?.trim();
  if (configured) {
    let url: URL;
    try {
      url = new URL(configured);
    } catch {
      throw new PublicBaseUrlError(`PUBLIC_BASE_URL is not a valid URL: ${configured}`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new PublicBaseUrlError(`PUBLIC_BASE_URL must start with https:// or http://, not ${url.protocol}`);
    }
    if (url.search || url.hash || url.username || url.password) {
      throw new PublicBaseUrlError("PUBLIC_BASE_URL must not contain a query, fragment or credentials");
    }
    return normaliseBase(url);
  }

  const fallback = options.requestUrl ? new URL(options.requestUrl) : undefined;
  const forwardedProto = firstValue(headers.get("x-forwarded-proto"))?.toLowerCase();
  const proto =
    forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : (fallback?.protocol.replace(":", "") ?? "http");
  // Only a well-formed host is used, so a forged header cannot put anything else into a poster.
  const host = [firstValue(headers.get("x-forwarded-host")), firstValue(headers.get("host")), fallback?.host].find(
    (candidate) => candidate !== undefined && HOST_PATTERN.test(candidate),
  );
  if (!host) throw new PublicBaseUrlError("Cannot tell the app's public address: set PUBLIC_BASE_URL");
  return `${proto}://${host.toLowerCase()}`;
}

/** The absolute URL of a ward's survey, as its QR code encodes it. */
export function surveyUrl(baseUrl: string, surveyCode: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/s/${encodeURIComponent(surveyCode)}`;
}

/** The URL as people would type it: no scheme, no "www.". */
export function shortUrl(absoluteUrl: string): string {
  return absoluteUrl.replace(/^https?:\/\//i, "").replace(/^www\./i, "");
}

/** A file-name-safe version of the ward name, e.g. "Maple Ward (North)" → "maple-ward-north". */
export function wardFileSlug(wardName: string): string {
  const slug = wardName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "ward";
}

export function qrFileName(wardName: string, format: "svg" | "png"): string {
  return `${wardFileSlug(wardName)}-survey-qr.${format}`;
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_MARGIN, color: { dark: "#000000", light: "#ffffff" } });
}

export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: "png",
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin: QR_MARGIN,
    scale: QR_PNG_SCALE,
    color: { dark: "#000000", light: "#ffffff" },
  });
}

/**
 * Why phones on the ward could not open this address, or null when they could: a loopback or
 * private address (127.0.0.1, localhost, 10.x, 192.168.x, …) is what the app sees when someone
 * opens it on their own machine with PUBLIC_BASE_URL unset, and a QR code printed from it leads
 * nowhere for anybody else.
 */
export function unreachableFromPhones(baseUrl: string): string | null {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return "it is not a valid address";
  }
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host) || host === "0.0.0.0") {
    return "it is this computer's own (loopback) address";
  }
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) {
      return "it is a private network address";
    }
    return null;
  }
  if (/^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host)) return "it is a private network address";
  if (!host.includes(".") || host.endsWith(".local") || host.endsWith(".internal") || host.endsWith(".lan")) {
    return "it is a name only this network knows";
  }
  return null;
}
