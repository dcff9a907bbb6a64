/**
 * Saves a blob the page fetched as a file: an object URL behind a link
 * clicked once, then released. A plain link to the API would reach it
 * without the user's Backstage token.
 */
export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = doc.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    doc.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Released on the next tick: some browsers start the download only after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
