import { visibleWard } from "@/lib/auth/access";
import { withActor } from "@/lib/http/api";
import { publicBaseUrl, qrFileName, qrPng, qrSvg, surveyUrl } from "@/lib/posters";

// GET /wards/<id>/qr.svg and /qr.png: the ward's survey QR code, for anyone who may see the ward
// (a session, or an API token for scripts). Outside their scope the ward does not exist (404).

type Context = { params: Promise<{ wardId: string }> };

export function qrRoute(format: "svg" | "png") {
  return withActor<Context>(async (request, actor, { params }) => {
    const ward = await visibleWard(actor, { id: (await params).wardId });
    const url = surveyUrl(publicBaseUrl(request.headers, { requestUrl: request.url }), ward.surveyCode);
    const headers = {
      "Content-Disposition": `inline; filename="${qrFileName(ward.name, format)}"`,
      // The code depends on configuration and on the ward's current survey code: never reuse a stale one.
      "Cache-Control": "private, no-store",
    };
    if (format === "svg") {
      return new Response(await qrSvg(url), { headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
    }
    return new Response(new Uint8Array(await qrPng(url)), { headers: { ...headers, "Content-Type": "image/png" } });
  });
}
