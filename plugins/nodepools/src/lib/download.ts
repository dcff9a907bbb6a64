/** How long an object URL outlives its click: a browser may read the blob after the click returned. */
export const REVOKE_AFTER_MS = 30_000;

/**
 * Saves a blob the page fetched as a file: an object URL behind a link
 * clicked once, then released. A plain link to the API would reach it
 * without the user's Backstage token.
 */
export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
