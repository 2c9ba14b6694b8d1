// The HTML file for a document decoy: it reads like a forgotten notes page, and its one-pixel image loads the decoy
// link when the file is opened in a browser or a previewer that fetches images.
import { escapeHtml } from '../../core/index.js';

/** The file name the document is shared under. */
export const DECOY_DOCUMENT_NAME = 'Passwords.html';

/** The document's bytes, loading `url` when opened. */
export function decoyDocument(url: string): Buffer {
  const src = escapeHtml(url);
  return Buffer.from(
    [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8"><title>Passwords</title></head><body>',
      '<h1>Passwords</h1>',
      '<p>Shared accounts. Do not forward.</p>',
      '<table><tr><th>Service</th><th>User</th><th>Password</th></tr>',
      '<tr><td>Bank portal</td><td>finance</td><td>see vault</td></tr>',
      '<tr><td>Web hosting</td><td>admin</td><td>see vault</td></tr></table>',
      `<img src="${src}" width="1" height="1" alt="">`,
      '</body></html>',
      '',
    ].join('\n'),
    'utf8',
  );
}
