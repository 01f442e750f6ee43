// JSON answers and request bodies for the fake server's routes, as the real server shapes them.
import { formatPath, problemMessage } from '@izinli/core';

export function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export function json(ctx, status, body, headers = {}) {
  ctx.status = status;
  ctx.type = 'application/json';
  for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
  ctx.body = JSON.stringify(body);
}

export function apiError(ctx, status, code, message, problems = [], headers = {}) {
  const issues = problems.map((p) => ({
    path: formatPath(p.path),
    code: p.code,
    expected: p.expected,
    received: p.received,
    message: problemMessage(p, 'en'),
  }));
  json(ctx, status, { error: { code, message, ...(issues.length ? { issues } : {}) } }, headers);
}
