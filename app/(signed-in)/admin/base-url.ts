import { headers } from "next/headers";
import { publicBaseUrl } from "@/lib/posters";

/**
 * The address links handed out start with: PUBLIC_BASE_URL, or the one this request came to (the
 * same rule as the ward posters, so the page and the poster show the same survey address).
 * Throws PublicBaseUrlError when PUBLIC_BASE_URL is misconfigured.
 */
export async function requestBaseUrl(): Promise<string> {
  return publicBaseUrl(await headers());
}
