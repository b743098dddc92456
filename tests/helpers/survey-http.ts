// The patient-facing survey over real HTTP, as the browser without JavaScript uses it: a page
// fetched without following redirects, and the plain form post to /s/<code>/answers.

export async function surveyPage(baseUrl: string, path: string, cookie?: string) {
  const res = await fetch(`${baseUrl}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  return { status: res.status, html: await res.text(), location: res.headers.get("location"), type: res.headers.get("content-type") };
}

export function postSurveyForm(baseUrl: string, code: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${baseUrl}/s/${code}/answers`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}
