import { REVOKE_AFTER_MS, saveBlob } from './download';

describe('saveBlob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('clicks a download link to an object URL once, leaves no link behind, and releases the URL later', () => {
    const createObjectURL = jest.fn(() => 'blob:export-1');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: Array<{ href: string; download: string; attached: boolean }> = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function recordClick(this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
    });
    try {
      const blob = new Blob(['a,b\n'], { type: 'text/csv' });
      saveBlob(blob, 'nodepools-pools.csv');
      expect(createObjectURL).toHaveBeenCalledWith(blob);
      expect(clicked).toEqual([{ href: 'blob:export-1', download: 'nodepools-pools.csv', attached: true }]);
      expect(document.querySelectorAll('a[download]')).toHaveLength(0);
      jest.advanceTimersByTime(REVOKE_AFTER_MS - 1);
      expect(revokeObjectURL).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:export-1');
    } finally {
      click.mockRestore();
    }
  });
});
