/**
 * Below this window width the layer sidebar and a side panel together would leave the map too narrow (at 800 px it
 * keeps at least 400 px), so there they take turns: opening one closes the other.
 */
const narrowLayout = window.matchMedia('(max-width: 1099px)');

/**
 * Toolbar buttons open and close panels (aria-controls names the panel). Side panels share one slot beside the map,
 * so opening one closes the others; the attribute table sits below the map and opens on its own; the layer sidebar
 * collapses, and in a narrow window it shares the slot's turn with the side panels. Panels push the map aside,
 * never cover it.
 */
export class Toolbar {
  private readonly buttons: HTMLButtonElement[];

  constructor(private readonly options: { onOpen: (panelId: string) => void; onLayout: () => void }) {
    this.buttons = [...document.querySelectorAll<HTMLButtonElement>('button[aria-controls]')].filter((b) => b.closest('.toolbar'));
    for (const button of this.buttons) {
      button.addEventListener('click', () => {
        const panel = this.panel(button);
        const open = panel.hidden === true;
        if (open) {
          this.buttons.filter((other) => other !== button && this.sharesSlot(panel, this.panel(other))).forEach((other) => this.set(other, false));
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
        const opener = this.buttons.find((b) => b.getAttribute('aria-controls') === panel.id)!;
        this.set(opener, false);
        opener.focus();
      }),
    );
    // Narrowing the window with the sidebar and a side panel both open: the side panel (the newer task) stays.
    narrowLayout.addEventListener('change', () => {
      const sidePanelOpen = this.buttons.some((b) => this.panel(b).classList.contains('side-panel') && !this.panel(b).hidden);
      const sidebar = this.buttons.find((b) => this.panel(b).classList.contains('sidebar'));
      if (narrowLayout.matches && sidePanelOpen && sidebar) {
        this.set(sidebar, false);
      }
    });
  }

  private panel(button: HTMLButtonElement): HTMLElement {
    return document.getElementById(button.getAttribute('aria-controls')!)!;
  }

  /** Whether two panels take turns: side panels always, the sidebar with a side panel only in a narrow window. */
  private sharesSlot(a: HTMLElement, b: HTMLElement): boolean {
    const side = (p: HTMLElement) => p.classList.contains('side-panel');
    const sidebar = (p: HTMLElement) => p.classList.contains('sidebar');
    return (side(a) && side(b)) || (narrowLayout.matches && ((side(a) && sidebar(b)) || (sidebar(a) && side(b))));
  }

  private set(button: HTMLButtonElement, open: boolean): void {
    this.panel(button).hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    // The map area changed size. OpenLayers would notice on its ResizeObserver's next frame; until then clicks and
    // fits would use the old size, so it learns the new one now.
    this.options.onLayout();
  }
}
