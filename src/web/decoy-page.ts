// The one page every request under DECOY_PATH gets: the same bytes whether the token is live, retired or unknown,
// and whether the hit was recorded or rate-limited, so nothing in the answer tells bait from a miss.

/** The page body: small, plain, and like any unremarkable page on a web server. */
export const DECOY_PAGE = Buffer.from(
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Document unavailable</title></head>\n' +
    '<body><h1>Document unavailable</h1><p>This document is not available right now. Please try again later.</p></body></html>\n',
  'utf8',
);

/** The page's headers (no Date-dependent or per-request values beyond what Node adds to every response). */
export const DECOY_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-length': String(DECOY_PAGE.length),
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;
