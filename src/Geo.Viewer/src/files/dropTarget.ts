/**
 * Files dragged over the map are taken on release; anything else dragged (text, a link) is left to the browser.
 * Kept apart from the file panel so that the map listens from the start while the panel's code loads on first use.
 */
export function listenForFileDrops(target: HTMLElement, onFile: (file: File) => void): void {
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;
  target.addEventListener('dragover', (event) => {
    if (carriesFiles(event)) {
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'copy';
      target.classList.add('file-drag');
    }
  });
  target.addEventListener('dragleave', () => target.classList.remove('file-drag'));
  target.addEventListener('drop', (event) => {
    target.classList.remove('file-drag');
    const file = event.dataTransfer?.files[0];
    if (file) {
      event.preventDefault();
      onFile(file);
    }
  });
}
