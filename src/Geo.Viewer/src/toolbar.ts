/**
 * Toolbar buttons open and close panels (aria-controls names the panel). Side panels share one slot, so opening one
 * closes the others; the attribute table sits below the map and opens on its own.
 */
export class Toolbar {
  constructor(options: { onOpen: (panelId: string) => void }) {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[aria-controls]')];
    for (const button of buttons) {
      button.addEventListener('click', () => {
        const panel = document.getElementById(button.getAttribute('aria-controls')!)!;
        const open = panel.hidden === true;
        if (panel.classList.contains('side-panel')) {
          buttons
            .filter((other) => other !== button && document.getElementById(other.getAttribute('aria-controls')!)!.classList.contains('side-panel'))
            .forEach((other) => this.set(other, false));
        }
        this.set(button, open);
        if (open) {
          options.onOpen(panel.id);
          panel.querySelector<HTMLElement>('button, input, select')?.focus();
        }
      });
    }
    document.querySelectorAll<HTMLButtonElement>('.panel-close').forEach((close) =>
      close.addEventListener('click', () => {
        const panel = close.closest<HTMLElement>('section')!;
        const opener = buttons.find((b) => b.getAttribute('aria-controls') === panel.id)!;
        this.set(opener, false);
        opener.focus();
      }),
    );
  }

  private set(button: HTMLButtonElement, open: boolean): void {
    document.getElementById(button.getAttribute('aria-controls')!)!.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    // The map area changed size; OpenLayers listens to window resizes only.
    window.dispatchEvent(new Event('resize'));
  }
}
