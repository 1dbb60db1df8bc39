import type { Problem } from '../api/types';

/** One analysis request: JSON in, the answer as JSON or as text (f=html, f=csv); a failure carries the server's problem. */
export async function analysisFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) {
    // problem+json names the parameter; staff see that rather than a bare status.
    const text = await response.text();
    let detail = text;
    try {
      const problem = JSON.parse(text) as Problem;
      detail = problem.detail ?? problem.title ?? text;
    } catch {
      // Not JSON: the text itself is the best explanation there is.
    }
    throw new Error(`HTTP ${response.status} ${detail}`);
  }
  return response;
}

export function postJson(url: string, body: object, signal?: AbortSignal): Promise<Response> {
  return analysisFetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal });
}
